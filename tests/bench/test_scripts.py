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


def test_rates_prints_every_rate_beside_its_bare_baseline_and_checks_the_numbers():
    """``bench.rates`` on a small company on this leg's database (a throw-away one of the
    PostgreSQL server on the PostgreSQL leg): every rate has its row, and the invoices
    issued from four processes were checked for gaps and duplicates."""
    from tests.conftest import PG_ADMIN_URL, TEST_DB
    from tests.plugins.leads.mailbox.dovecot import BINARY

    server = PG_ADMIN_URL if TEST_DB == "postgresql" else "sqlite://"
    done = subprocess.run(
        [sys.executable, "-m", "bench.rates", "--size", "small", "--repeat", "1",
         "--server", server],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = {line.split(" | ")[0].lstrip("| "): line for line in done.stdout.splitlines()
            if line.startswith("| ") and not line.startswith("| rate")}
    expected = ["offer → order → invoice chains", "invoices issued into one series, 4 processes",
                "invoice PDF (the render job)", "CSV import of 200 clients",
                "bank statement import (CAMT.053)"]
    if Path(BINARY).exists():
        expected.append("mailbox ingest (IMAP, Dovecot)")
    assert sorted(rows) == sorted(expected), done.stdout
    for line in rows.values():  # both rates measured: positive figures
        kontora_rate, bare_rate = (float(v.replace(",", "")) for v in line.split(" | ")[1:3])
        assert kontora_rate > 0 and bare_rate > 0, line
    assert "issued numbers: 8 numbers, 1 to 8: no gap, no duplicate" in done.stdout
    assert "peak RSS growth" in rows["CSV import of 200 clients"]
