"""Fixtures for job tests: apps in inline or Redis mode, a private RQ queue, a real worker."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue
from rq.job import Job
from rq.registry import (
    CanceledJobRegistry,
    DeferredJobRegistry,
    FailedJobRegistry,
    FinishedJobRegistry,
    ScheduledJobRegistry,
)
from sqlalchemy import select

from core.jobs.models import JobOutbox
from core.kernel import kontora
from tests.core.jobs.jobs_plugin.models import JobTestRecord

REDIS_URL = os.environ.get("KONTORA_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def inline_app(make_app: Callable[..., Any]) -> Iterator[Any]:
    """An app without Redis (jobs run inline after commit), inside an app context."""
    app = make_app(plugins="jobtest", KONTORA_REDIS_URL="")
    with app.app_context():
        yield app


@pytest.fixture
def redis_url() -> str:
    """The local Redis; its absence skips the test, or fails it under CI=true."""
    try:
        Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except RedisError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but Redis at {REDIS_URL} is unreachable: {exc}")
        pytest.skip(f"Redis at {REDIS_URL} is unreachable ({exc}); RQ job tests skipped")
    return REDIS_URL


@pytest.fixture
def queue_name(redis_url: str) -> Iterator[str]:
    """A queue of this test's own; its jobs and registries are deleted afterwards."""
    name = f"kontora-test-{uuid.uuid4().hex[:12]}"
    yield name
    conn = Redis.from_url(redis_url)
    queue = Queue(name, connection=conn)
    ids = set(queue.get_job_ids())
    for registry in (FailedJobRegistry, FinishedJobRegistry, ScheduledJobRegistry,
                     DeferredJobRegistry, CanceledJobRegistry):
        ids |= set(registry(queue=queue).get_job_ids())
    for job in Job.fetch_many(sorted(ids), connection=conn):
        if job is not None:
            job.delete(remove_from_queue=False)
    keys = list(conn.scan_iter(f"rq:*{name}*"))
    if keys:
        conn.delete(*keys)


@pytest.fixture
def redis_app(make_app: Callable[..., Any], redis_url: str, queue_name: str) -> Iterator[Any]:
    """An app that hands jobs to RQ on this test's queue, inside an app context."""
    app = make_app(plugins="jobtest", KONTORA_REDIS_URL=redis_url, KONTORA_QUEUE=queue_name)
    with app.app_context():
        yield app


@pytest.fixture
def closed_port_url() -> str:
    """A Redis URL nobody listens on: the port was free a moment ago and is closed again."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


def kontora_env(app: Any) -> dict[str, str]:
    """This environment with ``app``'s settings as ``KONTORA_*``, for a ``kontora`` process."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("KONTORA_")}
    settings = kontora(app).settings
    for field in fields(settings):
        value = getattr(settings, field.name)
        if isinstance(value, bool):
            value = "true" if value else "false"
        env[f"KONTORA_{field.name.upper()}"] = "" if value is None else str(value)
    return env


def kontora_command(*args: str) -> list[str]:
    """The argv of ``kontora ARGS`` with the test plugins available."""
    return [sys.executable, "-m", "tests.core.jobs.kontora_cli", *args]


def run_kontora(app: Any, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``kontora ARGS`` in a new process with ``app``'s settings in its environment."""
    result = subprocess.run(kontora_command(*args), cwd=ROOT, env=kontora_env(app),
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, f"kontora {' '.join(args)} failed:\n{result.stderr}"
    return result


def labels(app: Any) -> list[str]:
    """Labels of the records jobs wrote, in order (read-only: on SQLite it reads beside a
    unit that holds the write lock instead of waiting out the busy timeout)."""
    with kontora(app).db.unit(read_only=True) as s:
        return list(s.scalars(select(JobTestRecord.label).order_by(JobTestRecord.id)))


def outbox(app: Any) -> list[JobOutbox]:
    with kontora(app).db.unit(read_only=True) as s:
        return list(s.scalars(select(JobOutbox).order_by(JobOutbox.id)))
