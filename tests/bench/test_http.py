"""``bench.http`` runs end to end at a tiny size: both servers, sign-in, token, every row.

The figures are not judged (docs/benchmarks.md holds the measured ones); this proves the
harness still reaches every route with a 200 and prints a complete table.
"""

from __future__ import annotations

import subprocess
import sys

from bench.common import DEFAULT_SERVER
from bench.http import BARE, ROUTES
from tests.bench.test_scripts import ROOT
from tests.conftest import TEST_DB


def test_every_route_is_loaded_and_tabled_with_positive_figures():
    server = DEFAULT_SERVER if TEST_DB == "postgresql" else "sqlite://"
    done = subprocess.run(
        [sys.executable, "-m", "bench.http", "--rows", "200", "--leads", "3", "--duration", "2",
         "--requests", "6", "--concurrency", "2", "--database-url", server],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert lines[0].startswith("| request | req/s | p50 ms | p99 ms |")
    body = [line.split(" | ") for line in lines[1:]]
    assert body[0][0] == f"| {BARE}"
    assert len(body) == 1 + len(ROUTES)
    for route, cells in zip(ROUTES, body[1:], strict=True):
        assert cells[0].removeprefix("| ").startswith(route.label.split("{")[0])
    for cells in body:
        rate, p50, p99 = (float(c.replace(",", "").rstrip("x")) for c in cells[1:4])
        assert rate > 0 and p50 > 0 and p99 >= p50
