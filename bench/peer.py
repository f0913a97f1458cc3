"""Kontora side by side with a peer, Tryton 8.2: the same workload, one table of ratios.

    .venv/bin/python -m bench.peer [--backend sqlite|postgresql] [--n 200]
                                   [--peer-script PATH] [--database-url URL]
                                   [--no-peer] [--profile] [--top 15]

The peer (``../shared/peers/tryton.py`` beside the repository unless ``--peer-script``)
runs trytond and proteus in process, in a virtual environment of its own that this
command makes once from ``bench/peer-requirements.txt`` (exact pins) in the temp folder,
named after the file's hash, and reuses. It builds its own template database (kept in
``$PEER_DIR``, default ``<temp>/kontora-peer``) and prints one JSON line of phase times.
Kontora then runs the same operations on the same backend and ``--n`` through its
services (``bench/peer_kontora.py`` says how each step maps onto the peer's), and one
Markdown table gives each operation's time on both and the ratio Tryton/Kontora (above 1:
Kontora is faster). ``--no-peer`` runs only Kontora's half; ``--profile`` prints the
top cumulative project functions of Kontora's steps per operation.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import logging
import os
import platform
import pstats
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from bench.common import DEFAULT_SERVER, say
from bench.hotspots import PROJECT_CODE, ROOT
from bench.peer_kontora import run_kontora

REQUIREMENTS = Path(__file__).with_name("peer-requirements.txt")
PEER_SCRIPT = Path(ROOT).parent / "shared" / "peers" / "tryton.py"


@dataclass(frozen=True)
class Operation:
    """A row of the table: the peer's phases and Kontora's steps that do the same thing."""

    label: str
    tryton: tuple[str, ...]
    kontora: tuple[str, ...]


OPERATIONS = [
    Operation("parties: create with an address and an e-mail", ("party_create",),
              ("client_create",)),
    Operation("opps: lead created", ("lead_create",), ("lead_create",)),
    Operation("opps: lead qualified with a line", ("lead_to_opportunity",), ("lead_line",)),
    Operation("opps: converted to a draft sale / offer", ("opportunity_convert",),
              ("lead_to_offer",)),
    Operation("sales: create with 3 lines", ("sale_create_3_lines",),
              ("offer_create_3_lines",)),
    Operation("sales: quote / send (number, PDF, mail)", ("sale_quote",), ("offer_send",)),
    Operation("sales: confirm → invoice / accept → order → invoice",
              ("sale_confirm_process_invoice",),
              ("offer_accept", "offer_to_order", "order_to_invoice")),
    Operation("post: post / issue (number, report; PDF + UBL)", ("invoice_post",),
              ("invoice_issue",)),
    Operation("query: a party's invoices", ("query_invoices_of_party",), ("client_invoices",)),
    Operation("query: the invoice list", ("query_list_all_invoices",), ("invoice_list",)),
]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--n", type=int, default=200, help="clients, leads, sales, invoices")
    parser.add_argument("--peer-script", type=Path, default=PEER_SCRIPT)
    parser.add_argument("--database-url", default=DEFAULT_SERVER,
                        help="the PostgreSQL server both use with --backend postgresql")
    parser.add_argument("--no-peer", action="store_true", help="run only Kontora's half")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile Kontora's steps; top cumulative project functions")
    parser.add_argument("--top", type=int, default=15, help="functions per profile")
    return parser.parse_args()


# --- the peer ---------------------------------------------------------------------------


def peer_python() -> Path:
    """The interpreter of the peer's venv (named after the pins, so new pins: a new venv)."""
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"kontora-peer-venv-{digest}" / "bin" / "python"


def ensure_peer_venv() -> Path:
    python = peer_python()
    if not python.exists():
        folder = python.parent.parent
        say(f"making the peer's venv {folder} from {REQUIREMENTS.name}...")
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(folder)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)],
                       check=True)
    return python


def peer_env(backend: str, database_url: str) -> dict[str, str]:
    """The peer reaches PostgreSQL through libpq's variables: the server Kontora uses."""
    env = dict(os.environ)
    env.setdefault("PEER_DIR", str(Path(tempfile.gettempdir()) / "kontora-peer"))
    if backend == "postgresql":
        url = make_url(database_url)
        for name, value in (("PGHOST", url.host), ("PGPORT", url.port),
                            ("PGUSER", url.username), ("PGPASSWORD", url.password)):
            if value is not None:
                env[name] = str(value)
    return env


def run_peer(script: Path, backend: str, n: int, database_url: str) -> dict[str, Any]:
    """The peer's JSON line (its template database is built on the first run)."""
    python = ensure_peer_venv()
    say(f"Tryton: {script} --backend {backend} --n {n}...")
    done = subprocess.run([str(python), str(script), "--backend", backend, "--n", str(n)],
                          env=peer_env(backend, database_url), capture_output=True, text=True,
                          check=False)
    if done.returncode:
        sys.stderr.write(done.stderr[-5000:])
        raise SystemExit(f"the peer failed with exit code {done.returncode}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the table ----------------------------------------------------------------------------


def total(result: dict[str, Any] | None, names: tuple[str, ...]) -> tuple[float, int] | None:
    """Seconds over the named phases and the ops of the first (one op = one record)."""
    if result is None:
        return None
    phases = result["phases"]
    return sum(phases[n]["total_s"] for n in names), phases[names[0]]["ops"]


def cell(figure: tuple[float, int] | None) -> str:
    if figure is None:
        return "—"
    seconds, ops = figure
    return f"{seconds:.2f} s ({seconds / ops * 1000:.1f} ms/op)"


def table(tryton: dict[str, Any] | None, kontora: dict[str, Any]) -> str:
    lines = ["| operation | Tryton | Kontora | ratio Tryton/Kontora |",
             "|---|---:|---:|---:|"]
    sums = [0.0, 0.0]
    for op in OPERATIONS:
        ours, theirs = total(kontora, op.kontora), total(tryton, op.tryton)
        ratio = f"{theirs[0] / ours[0]:.1f}x" if theirs and ours[0] else "—"
        lines.append(f"| {op.label} | {cell(theirs)} | {cell(ours)} | {ratio} |")
        sums[0] += theirs[0] if theirs else 0.0
        sums[1] += ours[0]
    ratio = f"{sums[0] / sums[1]:.1f}x" if tryton and sums[1] else "—"
    lines.append(f"| **all of the above** | {f'{sums[0]:.1f} s' if tryton else '—'} | "
                 f"{sums[1]:.1f} s | {ratio} |")
    return "\n".join(lines)


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) \
        if Path("/proc/cpuinfo").exists() else platform.processor()
    return (f"{platform.node()}, {os.cpu_count()} x {model}, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def profile_listing(profiles: dict[str, cProfile.Profile], op: Operation, top: int) -> str:
    """The top cumulative project functions of the operation's steps, run together."""
    out = io.StringIO()
    stats = pstats.Stats(*(profiles[name] for name in op.kontora), stream=out)
    stats.sort_stats("cumulative").print_stats(PROJECT_CODE, top)
    return out.getvalue().split("ncalls", 1)[-1].replace(ROOT, "")


def main() -> None:
    args = arguments()
    logging.getLogger("core.mail.service").setLevel(logging.ERROR)  # "no SMTP": 2 n lines
    database_url = "sqlite://" if args.backend == "sqlite" else args.database_url
    tryton = None if args.no_peer else run_peer(args.peer_script, args.backend, args.n,
                                               database_url)
    say(f"Kontora: --backend {args.backend} --n {args.n}...")
    kontora = run_kontora(database_url, args.n, profile=args.profile)
    for op in OPERATIONS if args.profile else ():
        say(f"\n## {op.label} (Kontora: {', '.join(op.kontora)}), top {args.top} project "
            f"functions by cumulative time\n{profile_listing(kontora['profiles'], op, args.top)}")
    command = "python -m bench.peer " + shlex.join(sys.argv[1:])
    versions = ", ".join(f"{k} {v}" for k, v in (tryton or {}).get("versions", {}).items())
    print(f"\n`{command}` — {args.backend}, N = {args.n}, "
          f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n\nMachine: {machine()}"
          + (f"\n\nPeer: {versions}" if versions else "") + "\n")
    print(table(tryton, kontora))


if __name__ == "__main__":
    main()
