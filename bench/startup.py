"""Start-up cost: ``create_app()`` time and the memory of idle web and job processes.

    .venv/bin/python -m bench.startup [--repeat 5] [--plugins builtin]
                                      [--database-url URL] [--redis-url URL] [--keep]

With every plugin (``--plugins``) on a migrated throw-away database it measures

- ``import core.app`` plus ``create_app()`` in a fresh interpreter, ``--repeat`` times
  (median and slowest), the way a gunicorn worker or ``kontora worker`` starts;
- the resident memory (``VmRSS``) of each idle gunicorn worker (2 sync workers, the app
  built per worker, no request served yet) and after one sign-in page;
- ``kontora worker`` idle on an empty queue of ``--redis-url``: its RSS and every process
  it runs (RQ's scheduler used to be a second, forked process).

Targets (issue #12): under 1 s and under 100 MiB each. Prints a Markdown table (stdout).
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from bench.common import DEFAULT_SERVER, build_app, say, throwaway_database
from bench.servers import ROOT, Server, gunicorn, kontora_env, rss_mib
from core.kernel import kontora

SECRET = "benchmark-secret-key-not-for-production"
TIMED = ("import time; t = time.perf_counter(); from core.app import create_app; "
         "create_app(); print(time.perf_counter() - t)")


def create_app_seconds(env: dict[str, str], repeat: int) -> list[float]:
    """Seconds from a fresh interpreter's ``import core.app`` to a built app.

    Measured as a deployment starts: with the bytecode cache written (pip compiles the
    packages it installs, and the project's own ``__pycache__`` is written on the first
    start), so one unmeasured start comes first and ``PYTHONDONTWRITEBYTECODE`` is dropped.
    """
    env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    runs = [float(subprocess.run([sys.executable, "-c", TIMED], cwd=ROOT, env=env, check=True,
                                 capture_output=True, text=True).stdout)
            for _ in range(repeat + 1)]
    return runs[1:]


def web_worker_mib(env: dict[str, str]) -> tuple[float, float]:
    """The larger RSS of the two idle gunicorn workers, before and after a page each."""
    with gunicorn("core.app:create_app()", env, probe="/health") as server:
        time.sleep(1)  # the probe's 404 may have landed on one worker only
        idle = max(rss_mib(pid) for pid in server.workers())
        for _ in range(4):
            _get(server, "/login")
        served = max(rss_mib(pid) for pid in server.workers())
    return idle, served


def _get(server: Server, path: str) -> None:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
    conn.request("GET", path)
    conn.getresponse().read()
    conn.close()


def job_worker_mib(env: dict[str, str], redis_url: str) -> tuple[float, int]:
    """RSS of ``kontora worker`` idle on a queue of its own (MiB), and its process count."""
    env = {**env, "KONTORA_REDIS_URL": redis_url, "KONTORA_QUEUE": f"bench-{uuid.uuid4().hex}"}
    with tempfile.TemporaryFile("w+") as log:  # RQ logs to stdout
        worker = subprocess.Popen([sys.executable, "-c", "from core.cli import main; main()",
                                   "worker"], cwd=ROOT, env=env, stdout=log,
                                  stderr=subprocess.STDOUT)
        try:
            _wait_for_line(worker, log, "Listening on")
            time.sleep(3)  # first tick, scheduler lock, registries cleaned
            processes = [worker.pid, *_children(worker.pid)]
            return sum(rss_mib(pid) for pid in processes), len(processes)
        finally:
            worker.terminate()
            worker.wait(timeout=120)


def _wait_for_line(process: subprocess.Popen[bytes], log: IO[str], needle: str,
                   timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        log.seek(0)
        if needle in log.read():
            return
        time.sleep(0.5)
    raise RuntimeError(f"kontora worker did not log {needle!r}")


def _children(pid: int) -> list[int]:
    return [int(c) for task in Path(f"/proc/{pid}/task").iterdir()
            for c in (task / "children").read_text().split()]


def arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="create_app() runs (default 5)")
    parser.add_argument("--plugins", default="builtin", help="KONTORA_PLUGINS (default: all)")
    parser.add_argument("--database-url", default=DEFAULT_SERVER,
                        help="PostgreSQL server for the throw-away database, or sqlite://")
    parser.add_argument("--redis-url", default=os.environ.get("KONTORA_REDIS_URL",
                                                              "redis://127.0.0.1:6379/0"))
    parser.add_argument("--keep", action="store_true", help="keep the database")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = arguments(argv)
    with (throwaway_database(args.database_url, keep=args.keep) as url,
          tempfile.TemporaryDirectory() as instance):
        app = build_app(url, Path(instance), args.plugins)
        kontora(app).db.dispose()
        env = kontora_env(url, Path(instance), args.plugins, SECRET)
        say("create_app() in fresh interpreters")
        seconds = create_app_seconds(env, args.repeat)
        say("idle gunicorn workers")
        idle, served = web_worker_mib(env)
        say("idle kontora worker")
        worker, processes = job_worker_mib(env, args.redis_url)
    print(f"\n`python -m bench.startup --repeat {args.repeat}` (plugins {args.plugins})\n")
    print("| measure | value | target |\n|---|---:|---:|")
    print(f"| `import core.app` + `create_app()`, median of {args.repeat} | "
          f"{statistics.median(seconds):.2f} s | 1 s |")
    print(f"| the same, slowest | {max(seconds):.2f} s | |")
    print(f"| idle gunicorn worker RSS (larger of 2) | {idle:.0f} MiB | 100 MiB |")
    print(f"| gunicorn worker RSS after serving `/login` | {served:.0f} MiB | |")
    print(f"| `kontora worker` RSS, idle ({processes} process{'es' * (processes > 1)}) | "
          f"{worker:.0f} MiB | 100 MiB |")


if __name__ == "__main__":
    main()
