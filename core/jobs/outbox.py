"""``enqueue`` and the outbox: jobs are written in the caller's transaction, sent after commit.

Dispatch after commit either hands the job to RQ (``KONTORA_REDIS_URL`` set) or runs it
inline in its own unit of work. What cannot be dispatched (Redis down, the process died,
a retry waiting for its backoff) stays in ``core_job_outbox`` until :func:`drain_outbox`
picks it up; ``kontora worker`` and ``kontora cron`` drain on every tick.

Rows are claimed with a conditional ``UPDATE``/``DELETE ... RETURNING`` so several
processes draining one database never run or hand over the same row twice.
"""

from __future__ import annotations

import functools
import logging
import traceback
from datetime import datetime, timedelta
from typing import Any

from flask import Flask, current_app
from redis.exceptions import RedisError
from sqlalchemy import delete, select, update

from core.db import after_commit, utcnow
from core.db.session import current_session
from core.jobs import queue
from core.jobs.definitions import (
    DEFAULT_RETRY,
    JobError,
    RetryPolicy,
    check_kwargs,
    job_callable,
    retry_policy,
)
from core.jobs.models import FAILED, PENDING, RUNNING, JobOutbox
from core.jobs.runner import announce_failure, error_line, run_job
from core.kernel import kontora

log = logging.getLogger(__name__)

# An inline job still "running" this long after its claim is taken to have died with its
# process and becomes due again.
LEASE = timedelta(minutes=30)
BATCH = 500


def enqueue(name: str, /, **kwargs: Any) -> int:
    """Enqueue job ``name`` with JSON ``kwargs``; returns its outbox id.

    Inside a unit of work the job is written in that transaction and dispatched only once
    it commits (nothing at all on rollback). Outside one, it gets a unit of its own.
    """
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    k = kontora(app)
    job_callable(k.jobs, name)
    args = check_kwargs(name, kwargs)
    sess = current_session()
    if sess is None:
        with k.db.unit():
            return enqueue(name, **args)
    row = JobOutbox(name=name, kwargs=args, status=PENDING, attempts=0, available_at=utcnow())
    sess.add(row)
    sess.flush()
    after_commit(functools.partial(dispatch, app, row.id), sess)
    return row.id


def dispatch(app: Flask, row_id: int, now: datetime | None = None) -> bool:
    """Hand outbox row ``row_id`` to RQ, or run it inline; False if it was not due or taken."""
    if kontora(app).settings.redis_url:
        return hand_over(app, [row_id], now) == 1
    return run_inline(app, row_id, now)


def drain_outbox(app: Flask | None = None, now: datetime | None = None) -> int:
    """Dispatch every due outbox row once; returns how many were handed over or run."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    k = kontora(app)
    now = now or utcnow()
    statuses = [PENDING] if k.settings.redis_url else [PENDING, RUNNING]
    with k.db.unit() as s:
        ids = list(s.scalars(
            select(JobOutbox.id)
            .where(JobOutbox.status.in_(statuses), JobOutbox.available_at <= now)
            .order_by(JobOutbox.available_at, JobOutbox.id).limit(BATCH)
        ))
    if k.settings.redis_url:
        return hand_over(app, ids, now)
    return sum(run_inline(app, row_id, now) for row_id in ids)


def hand_over(app: Flask, ids: list[int], now: datetime | None = None) -> int:
    """Move rows to RQ; each row leaves the outbox in the transaction that pushes it.

    If Redis fails the transaction rolls back, the row stays pending with the reason, and
    the rest wait for the next drain.
    """
    k = kontora(app)
    now = now or utcnow()
    handed = 0
    for row_id in ids:
        try:
            with k.db.unit() as s:
                taken = s.execute(
                    delete(JobOutbox)
                    .where(JobOutbox.id == row_id, JobOutbox.status == PENDING,
                           JobOutbox.available_at <= now)
                    .returning(JobOutbox.name, JobOutbox.kwargs)
                ).first()
                if taken is None:
                    continue
                func = k.jobs.get(taken.name)
                policy = retry_policy(func) if func else DEFAULT_RETRY
                queue.push(k.settings, taken.name, taken.kwargs, policy)
        except RedisError as exc:
            log.warning("Redis is unreachable, job %s stays in the outbox: %s", row_id, exc)
            with k.db.unit() as s:
                s.execute(update(JobOutbox).where(JobOutbox.id == row_id)
                          .values(last_error=f"not handed to Redis: {error_line(exc)}"))
            break
        handed += 1
    return handed


def run_inline(app: Flask, row_id: int, now: datetime | None = None) -> bool:
    """Claim a due row, run its job in its own unit of work, then remove or reschedule it."""
    k = kontora(app)
    now = now or utcnow()
    with k.db.unit() as s:
        claimed = s.execute(
            update(JobOutbox)
            .where(JobOutbox.id == row_id, JobOutbox.status.in_([PENDING, RUNNING]),
                   JobOutbox.available_at <= now)
            .values(status=RUNNING, attempts=JobOutbox.attempts + 1, available_at=now + LEASE,
                    updated_at=utcnow())
            .execution_options(synchronize_session=False)
            .returning(JobOutbox.name, JobOutbox.kwargs, JobOutbox.attempts)
        ).first()
    if claimed is None:
        return False
    try:
        run_job(app, claimed.name, claimed.kwargs)
    except Exception as exc:
        log.exception("job %s (%s) failed on attempt %s", row_id, claimed.name, claimed.attempts)
        try:
            policy = retry_policy(job_callable(k.jobs, claimed.name))
        except JobError:
            policy = RetryPolicy(max_retries=0)
        _record_failure(app, row_id, claimed.attempts, policy, exc, now)
        return True
    with k.db.unit() as s:
        s.execute(delete(JobOutbox).where(JobOutbox.id == row_id))
    return True


def _record_failure(app: Flask, row_id: int, attempts: int, policy: RetryPolicy,
                    exc: Exception, now: datetime) -> None:
    """Schedule the next attempt with backoff, or mark the job failed and announce it."""
    k = kontora(app)
    details = "".join(traceback.format_exception(exc))
    with k.db.unit() as s:
        row = s.get(JobOutbox, row_id)
        if row is None:
            return
        row.last_error = details
        if attempts <= policy.max_retries:
            row.status = PENDING
            row.available_at = now + timedelta(seconds=policy.delay(attempts))
            return
        row.status = FAILED
        row.available_at = now
    announce_failure(app, row.name, row.kwargs, str(row_id), error_line(exc))
