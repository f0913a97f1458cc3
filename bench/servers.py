"""Real servers for the HTTP benchmarks: gunicorn processes on 127.0.0.1, started and stopped.

A benchmark of a server has to run the server the way production does (``gunicorn`` with
sync workers, the app built by its factory from the environment), not the Flask test
client, so socket handling, WSGI and process start-up are all in the figures.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Server:
    """A running gunicorn: its address and the arbiter's process id."""

    port: int
    pid: int
    host: str = "127.0.0.1"

    def workers(self) -> list[int]:
        """The worker processes' ids (the arbiter's children)."""
        found = []
        for task in Path(f"/proc/{self.pid}/task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
        return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def kontora_env(database_url: str, instance: Path, plugins: str, secret: str) -> dict[str, str]:
    """This process's environment without any ``KONTORA_*`` of the developer, plus the run's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KONTORA_")}
    env.update(KONTORA_DATABASE_URL=database_url, KONTORA_INSTANCE_PATH=str(instance),
               KONTORA_PLUGINS=plugins, KONTORA_SECRET_KEY=secret,
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])))
    return env


@contextmanager
def gunicorn(app: str, env: dict[str, str], *, workers: int = 2,
             probe: str = "/", timeout: float = 120) -> Iterator[Server]:
    """``gunicorn --workers N app`` on a free port, up once ``probe`` answers; stopped after."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--worker-class", "sync",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "120", app],
        cwd=ROOT, env=env)
    try:
        _wait_until_up(process, port, probe, timeout)
        server = Server(port, process.pid)
        _wait_for_workers(server, workers, timeout)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(process: subprocess.Popen[bytes], port: int, probe: str,
                   timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            conn.request("GET", probe)
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _wait_for_workers(server: Server, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while len(server.workers()) < count:
        if time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn started {len(server.workers())} of {count} workers")
        time.sleep(0.2)


def rss_mib(pid: int) -> float:
    """Resident memory of process ``pid`` in MiB (``VmRSS``, shared pages included)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")
