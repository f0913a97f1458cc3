"""Jobs as a default plugin: the outbox tables, the ``core.job-failed`` signal, start-up checks."""

from __future__ import annotations

from typing import Any

from core.contents import Contents
from core.hookspecs import hookimpl
from core.jobs.definitions import validate_jobs
from core.jobs.periodic import periodic_jobs
from core.kernel import kontora

JOB_SIGNALS = {
    "core.job-failed": "Sent when a job gives up after its last retry. Sender: the job name. "
    "Keyword arguments: job_id (what `kontora jobs retry` takes), kwargs (the job's "
    "arguments), error (the exception's first line).",
}

contents = Contents(models=["core.jobs.models"], signals=[f"{__name__}:JOB_SIGNALS"])


@hookimpl
def kontora_app_setup(app: Any) -> None:
    """Refuse to start with a badly named job or a periodic job that cannot run."""
    validate_jobs(kontora(app).jobs)
    periodic_jobs(app)
