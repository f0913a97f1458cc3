"""The worker process's side of jobs: the app it runs them in and the RQ entry point.

An RQ job is ``core.worker.execute(name, kwargs)``. It runs in a process that has no
request and no app of its own, so it builds the app once per process from the environment
(``kontora worker`` hands over the app it already built, which its forked work horses
inherit) and runs the job callable inside one unit of work. It stands beside the app
factory, above every kernel service, because it builds the application.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from rq import get_current_job

from core.app import create_app
from core.jobs.runner import announce_failure, error_line, run_job
from core.kernel import kontora

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
