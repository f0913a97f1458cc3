"""Fault drills: private Redis servers the test starts and stops, and real worker processes.

A drill never touches the machine's shared Redis (6379) or PostgreSQL (5432): it starts its
own server on a free port in the test's temporary folder, so stopping it disturbs nobody.

The drills run once per CI run, on the PostgreSQL leg (the production setup, with real
workers): they wait out real leases and back-offs, several minutes, and what they prove
(Redis, the worker, the PostgreSQL server going away) does not change with the test
database. ``KONTORA_TEST_DB=sqlite KONTORA_DRILLS=1`` runs them on SQLite too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from redis import Redis
from redis.exceptions import RedisError

from tests.conftest import TEST_DB
from tests.fixtures.smtp import free_port

REDIS_SERVER = shutil.which("redis-server")
WAIT = 120  # seconds: generous, a loaded 2-core machine starts servers slowly


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if TEST_DB != "postgresql" and os.environ.get("KONTORA_DRILLS") != "1":
        skip = pytest.mark.skip(reason="drills run on the PostgreSQL leg (KONTORA_DRILLS=1 "
                                       "runs them here too)")
        for item in items:
            if "tests/drills/" in str(item.path):
                item.add_marker(skip)


def wait_for(check: Callable[[], Any], what: str, timeout: float = WAIT) -> Any:
    """Poll ``check`` until it returns something truthy; fail naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.2)


class RedisServer:
    """A ``redis-server`` of the test's own, on one port for its whole life (stop, start)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        assert REDIS_SERVER and self.process is None
        log = (self.folder / "redis.log").open("ab")
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)], stdout=log, stderr=log)
        wait_for(self.answers, f"redis-server on port {self.port}")

    def stop(self) -> None:
        """Stop the server (SIGTERM) and wait until it is gone."""
        assert self.process is not None
        self.process.terminate()
        self.process.wait(timeout=WAIT)
        self.process = None

    def answers(self) -> bool:
        try:
            return bool(Redis.from_url(self.url, socket_connect_timeout=2).ping())
        except RedisError:
            return False


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[RedisServer]:
    """A running Redis server of this test only; stopped at the end, whatever happened."""
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed")
    folder = tmp_path / "redis"
    folder.mkdir()
    server = RedisServer(folder)
    server.start()
    yield server
    if server.process is not None:
        server.stop()
