"""The ``jobtest`` jobs and its ``core.job-failed`` receiver."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from core.db import session
from core.jobs import retries
from core.kernel import kontora
from tests.core.jobs.jobs_plugin.models import JobTestAttempt, JobTestRecord


def record(label: str) -> None:
    session().add(JobTestRecord(label=label))


def _fail_first(key: str, fail_times: int) -> None:
    with kontora().db.unit() as own:  # survives the rollback of the failing attempt
        own.add(JobTestAttempt(key=key))
    attempt = session().scalar(select(func.count()).where(JobTestAttempt.key == key))
    if attempt <= fail_times:
        raise RuntimeError(f"attempt {attempt} of {key} fails on purpose")
    session().add(JobTestRecord(label=key))


@retries(max_retries=2, backoff=0)
def flaky(key: str, fail_times: int) -> None:
    """Fails ``fail_times`` times, then writes a record labelled ``key``."""
    _fail_first(key, fail_times)


@retries(max_retries=1, backoff=60)
def flaky_slow(key: str, fail_times: int) -> None:
    """Like ``flaky``, with one retry a minute later."""
    _fail_first(key, fail_times)


def on_job_failed(sender: str, *, kwargs: dict[str, Any], **_: Any) -> None:
    session().add(JobTestRecord(label=f"gave up: {sender} {kwargs.get('key', '')}".strip()))
