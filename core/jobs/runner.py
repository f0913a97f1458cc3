"""Running one job: inline after commit, from a drain, or in an RQ work horse.

An RQ job is ``core.jobs.runner.execute(name, kwargs)``. It runs in a process that has
no request and no app of its own, so it builds the app once per process from the
environment (``kontora worker`` hands over the app it already built, which its forked
work horses inherit) and runs the job callable inside one unit of work.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask
from rq import get_current_job

from core.app import create_app
from core.jobs.definitions import job_callable
from core.kernel import kontora

log = logging.getLogger(__name__)

FAILED_SIGNAL = "core.job-failed"

_worker_app: Flask | None = None


def adopt(app: Flask) -> None:
    """Make ``app`` the one jobs of this process (and of its forked horses) run in."""
    global _worker_app
    _worker_app = app


def worker_app() -> Flask:
    """The app of this worker process, built from the environment on first use."""
    global _worker_app
    if _worker_app is None:
        _worker_app = create_app()
    return _worker_app


def run_job(app: Flask, name: str, kwargs: dict[str, Any]) -> None:
    """Run job ``name`` in its own unit of work: its writes commit only if it returns."""
    k = kontora(app)
    func = job_callable(k.jobs, name)
    with app.app_context(), k.db.unit():
        func(**kwargs)


def announce_failure(app: Flask, name: str, kwargs: dict[str, Any], job_id: str,
                     error: str) -> None:
    """Tell listeners that job ``name`` gave up (sent after this small transaction commits)."""
    k = kontora(app)
    with app.app_context(), k.db.unit():
        k.events.announce(FAILED_SIGNAL, name, job_id=job_id, kwargs=kwargs, error=error)


def execute(name: str, kwargs: dict[str, Any]) -> None:
    """Entry point of every RQ job; announces ``core.job-failed`` on the last failed attempt."""
    app = worker_app()
    try:
        run_job(app, name, kwargs)
    except Exception as exc:
        job = get_current_job()
        if job is None or not job.retries_left:
            announce_failure(app, name, kwargs, job.id if job else "", error_line(exc))
        raise
    finally:
        # a work horse ends with os._exit(): close its connections rather than drop them
        kontora(app).db.engine.dispose()


def error_line(exc: BaseException) -> str:
    """One line that says what went wrong, for lists and signals."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
