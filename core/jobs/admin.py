"""What ``kontora jobs list|retry`` shows and does: outbox rows and RQ's failed jobs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Flask
from sqlalchemy import select

from core.db import utcnow
from core.jobs import queue
from core.jobs.models import FAILED, PENDING, JobOutbox
from core.jobs.outbox import dispatch
from core.kernel import kontora


@dataclass(frozen=True)
class JobEntry:
    """One job as the CLI lists it; ``id`` is what ``kontora jobs retry`` takes."""

    id: str
    name: str
    status: str
    where: str  # "outbox" or "redis"
    attempts: int | None
    when: datetime | None
    error: str
    kwargs: dict[str, Any]


def _last_line(text: str | None) -> str:
    lines = (text or "").strip().splitlines()
    return lines[-1] if lines else ""


def list_jobs(app: Flask, failed_only: bool = False) -> list[JobEntry]:
    """Outbox rows (failed only, or all) and, with Redis, RQ's running, waiting and failed jobs."""
    k = kontora(app)
    stmt = select(JobOutbox).order_by(JobOutbox.id)
    if failed_only:
        stmt = stmt.where(JobOutbox.status == FAILED)
    with k.db.unit() as s:
        entries = [JobEntry(str(r.id), r.name, r.status, "outbox", r.attempts, r.available_at,
                            _last_line(r.last_error), r.kwargs) for r in s.scalars(stmt)]
    if k.settings.redis_url:
        rq_jobs = [] if failed_only else queue.waiting_jobs(k.settings)
        rq_jobs += [("failed", job) for job in queue.failed_jobs(k.settings)]
        for status, job in rq_jobs:
            name, kwargs = job.args if len(job.args) == 2 else (job.func_name, {})
            result = job.latest_result() if status == "failed" else None
            entries.append(JobEntry(job.id, name, status, "redis", None,
                                    job.ended_at or job.enqueued_at,
                                    _last_line(result.exc_string if result else None), kwargs))
    return entries


def retry_job(app: Flask, job_id: str) -> bool:
    """Run a failed job again: an outbox row gets fresh retries, an RQ job is requeued.

    Returns False when no failed job has ``job_id``.
    """
    k = kontora(app)
    if job_id.isdigit():
        with k.db.unit() as s:
            row = s.get(JobOutbox, int(job_id))
            if row is None or row.status != FAILED:
                return False
            row.status, row.attempts, row.available_at = PENDING, 0, utcnow()
        dispatch(app, int(job_id))
        return True
    return bool(k.settings.redis_url) and queue.requeue_failed(k.settings, job_id)


def failed_ids(app: Flask) -> list[str]:
    """Ids of every failed job, outbox and RQ."""
    return [e.id for e in list_jobs(app, failed_only=True)]
