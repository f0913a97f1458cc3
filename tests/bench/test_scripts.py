"""The benchmarks still run: each script on a small SQLite database, figures not judged.

Speed is measured by running the scripts on PostgreSQL (docs/benchmarks.md), never here;
this only keeps them from rotting as the models and pages they drive change.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("args", [
    ["bench.listing", "--depths", "500"],
    ["bench.profile", "--activities", "3000"],
    ["bench.numbering", "--threads", "1,2"],
    ["bench.hotspots", "--top", "3"],
    ["bench.company", "--activities", "2000"],
    ["bench.pdf", "--lines", "3,5"],
], ids=["listing", "profile", "numbering", "hotspots", "company", "pdf"])
def test_script_runs_and_prints_its_table(args):
    done = subprocess.run(
        [sys.executable, "-m", *args, "--rows", "1000", "--repeat", "1",
         "--database-url", "sqlite://"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "| case | median ms | p95 ms | runs | note |" in done.stdout
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ") and
            not line.startswith("| case")]
    assert len(rows) >= 3
