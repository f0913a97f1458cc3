"""A PostgreSQL cluster of the test's own: ``initdb`` into a temporary folder, a free port.

The drill restarts it at will; the machine's shared server (5432) is never touched. As root
(CI, the developers' machines) the server runs as the ``postgres`` system user, since
``initdb`` refuses root.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from tests.fixtures.smtp import free_port

BIN_DIRS = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
TIMEOUT = 180  # seconds for initdb, start and stop on a loaded machine


def binaries() -> Path | None:
    """The newest PostgreSQL server binaries installed, or None."""
    found = [Path(d) for d in BIN_DIRS if (Path(d) / "initdb").exists()]
    return found[-1] if found else None


class PostgresCluster:
    """``init()``, then ``start()`` and ``stop()`` as often as wanted, ``remove()`` at the end."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="kontora-drill-pg-"))
        self.data = self.folder / "data"
        self.user: dict[str, Any] = {}
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chown(self.folder, account.pw_uid, account.pw_gid)
            self.user = {"user": account.pw_uid, "group": account.pw_gid}
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        result = subprocess.run([str(self.bin_dir / tool), *args], capture_output=True,
                                text=True, timeout=TIMEOUT, check=False, cwd=self.folder,
                                **self.user)
        assert result.returncode == 0, f"{tool} {' '.join(args)} failed:\n{result.stderr}"

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "--no-sync", "-E", "UTF8", "--locale", "C")

    def start(self) -> None:
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} "
                   "-c fsync=off -c max_connections=50")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"),
                  "-o", options, "-w", "-t", str(TIMEOUT), "start")

    def stop(self) -> None:
        """A fast shutdown: open sessions are cut off, as in a restart or a failover."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", str(TIMEOUT),
                  "stop")

    def remove(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
