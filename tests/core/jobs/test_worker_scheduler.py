"""``kontora worker`` is one process: RQ's scheduler runs as its thread, not a forked child."""

from __future__ import annotations

import signal
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rq import Queue
from rq.registry import ScheduledJobRegistry
from rq.scheduler import RQScheduler

from core.jobs import enqueue
from core.jobs.queue import connection
from core.kernel import kontora
from tests.core.jobs.conftest import ROOT, kontora_command, labels, run_kontora

pytestmark = pytest.mark.redis


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_scheduler_thread_requeues_a_due_retry_and_stops_with_the_worker(redis_app, tmp_path):
    settings = kontora(redis_app).settings
    queue = Queue(settings.queue, connection=connection(settings.redis_url))
    enqueue("jobtest.flaky-slow", key="retried", fail_times=1)  # its retry waits 60 s
    run_kontora(redis_app, "worker", "--burst")
    scheduled = ScheduledJobRegistry(queue=queue)
    [job_id] = scheduled.get_job_ids()
    scheduled.schedule(queue.fetch_job(job_id), datetime.now(UTC))  # due now

    command, env = kontora_command(redis_app, "worker")
    log = tmp_path / "worker.log"
    with log.open("w") as out:
        worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out,
                                  stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: "retried" in labels(redis_app))
        lock = RQScheduler.get_locking_key(settings.queue)
        assert queue.connection.exists(lock)  # this worker holds the queue's scheduler lock
        samples = []  # horses come and go; a scheduler process would stay
        for _ in range(10):
            samples.append(set(children(worker.pid)))
            time.sleep(0.3)
        assert set.intersection(*samples) == set()
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    assert worker.returncode == 0, log.read_text()[-3000:]
    assert not queue.connection.exists(lock)  # released on the way out

