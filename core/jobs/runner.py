"""Running one job in its own unit of work: inline after commit, from a drain, or in an RQ
work horse (whose entry point, :func:`core.worker.execute`, builds the app first).
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask

from core.jobs.definitions import job_callable
from core.kernel import kontora

log = logging.getLogger(__name__)

FAILED_SIGNAL = "core.job-failed"

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


def error_line(exc: BaseException) -> str:
    """One line that says what went wrong, for lists and signals."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
