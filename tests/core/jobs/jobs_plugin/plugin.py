"""Manifest and hooks of the ``jobtest`` plugin."""

from __future__ import annotations

from typing import Any

from core import Manifest, hookimpl

manifest = Manifest(
    name="jobtest",
    title="Job test",
    version="1.0",
    depends=[],
    description="Jobs that write a row or fail on purpose, and a periodic job, for job tests.",
)


@hookimpl
def kontora_models() -> None:
    from tests.core.jobs.jobs_plugin import models  # noqa: F401


@hookimpl
def kontora_jobs() -> dict[str, Any]:
    from tests.core.jobs.jobs_plugin import jobs

    return {"jobtest.record": jobs.record, "jobtest.flaky": jobs.flaky,
            "jobtest.flaky-slow": jobs.flaky_slow}


@hookimpl
def kontora_periodic_jobs() -> list[Any]:
    from core.jobs import Periodic

    return [Periodic(job="jobtest.record", cron="*/5 * * * *", kwargs={"label": "tick"})]


@hookimpl
def kontora_signal_receivers(events: Any) -> None:
    from tests.core.jobs.jobs_plugin import jobs

    events.connect("core.job-failed", jobs.on_job_failed)
