"""``bench.peer`` still runs: Kontora's half on a tiny SQLite database, figures not judged.

The Tryton half (minutes, and fixed database names on the shared server) runs too only
when ``KONTORA_BENCH_PEER=1`` asks for it and the peer's venv is already there
(``bench.peer`` makes it from the pins); otherwise that half is left out with
``--no-peer`` and its column shows dashes.
"""

from __future__ import annotations

import os
import subprocess
import sys

from bench.peer import OPERATIONS, PEER_SCRIPT, peer_python
from tests.bench.test_scripts import ROOT


def test_peer_table_has_every_operation_with_kontora_figures():
    with_peer = (os.environ.get("KONTORA_BENCH_PEER") == "1" and peer_python().exists()
                 and PEER_SCRIPT.exists())
    done = subprocess.run(
        [sys.executable, "-m", "bench.peer", "--backend", "sqlite", "--n", "2",
         *([] if with_peer else ["--no-peer"])],
        cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert lines[0] == "| operation | Tryton | Kontora | ratio Tryton/Kontora |"
    rows = [line.strip("| ").split(" | ") for line in lines[1:]]
    assert [r[0] for r in rows] == [op.label for op in OPERATIONS] + ["**all of the above**"]
    for label, tryton, kontora, ratio in rows[:-1]:
        assert kontora.endswith(" ms/op)"), label
        assert (tryton != "—") == with_peer and (ratio != "—") == with_peer, label
    assert "N = 2" in done.stdout and "Machine: " in done.stdout
