"""The Redis side: handing jobs to RQ and reading back what RQ failed."""

from __future__ import annotations

import functools
from typing import Any

from redis import Redis
from rq import Queue, Retry
from rq.job import Job
from rq.registry import FailedJobRegistry, ScheduledJobRegistry, StartedJobRegistry

from core.config import Settings
from core.jobs.definitions import RetryPolicy

EXECUTE = "core.worker.execute"


@functools.lru_cache(maxsize=8)
def connection(url: str) -> Redis:
    """A shared client for ``url``; a dead server fails fast instead of hanging a commit."""
    return Redis.from_url(url, socket_connect_timeout=5, socket_timeout=30)


def rq_queue(settings: Settings) -> Queue:
    assert settings.redis_url, "the RQ queue exists only when KONTORA_REDIS_URL is set"
    return Queue(settings.queue, connection=connection(settings.redis_url))


def push(settings: Settings, name: str, kwargs: dict[str, Any], policy: RetryPolicy) -> Job:
    """Put job ``name`` on the RQ queue with its retry policy; raises ``RedisError`` if down."""
    retry = Retry(max=policy.max_retries, interval=policy.intervals()) \
        if policy.max_retries else None
    return rq_queue(settings).enqueue(EXECUTE, args=(name, kwargs), retry=retry,
                                      description=name)


def failed_jobs(settings: Settings) -> list[Job]:
    """Jobs RQ gave up on, oldest first."""
    queue = rq_queue(settings)
    registry = FailedJobRegistry(queue=queue)
    return [j for j in Job.fetch_many(registry.get_job_ids(), connection=queue.connection) if j]


def waiting_jobs(settings: Settings) -> list[tuple[str, Job]]:
    """Jobs running (or left running by a worker that died), queued now or scheduled for
    a retry, with that state."""
    queue = rq_queue(settings)
    # cleanup=False: listing must not be what retries a dead worker's job (workers do that)
    started = StartedJobRegistry(queue=queue).get_job_ids(cleanup=False)
    scheduled = ScheduledJobRegistry(queue=queue).get_job_ids()
    found = [("running", j) for j in Job.fetch_many(started, connection=queue.connection) if j]
    found += [("queued", job) for job in queue.get_jobs()]
    found += [("scheduled", j) for j in Job.fetch_many(scheduled, connection=queue.connection)
              if j]
    return found


def requeue_failed(settings: Settings, job_id: str) -> bool:
    """Put a failed RQ job back on its queue; False when no failed job has that id."""
    registry = FailedJobRegistry(queue=rq_queue(settings))
    if job_id not in registry:
        return False
    registry.requeue(job_id)
    return True
