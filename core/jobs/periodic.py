"""Periodic jobs: a job name, its arguments and a cron expression, run once per slot.

Plugins return :class:`Periodic` from ``kontora_periodic_jobs``. Each tick of
``kontora worker`` and each ``kontora cron`` run looks at the latest slot of every
periodic job; the process whose insert into ``core_job_slot`` succeeds enqueues the job in
that same transaction. Slots older than ``grace`` are skipped, so a worker that was down
for a day does not replay a day of slots.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from croniter import croniter
from flask import Flask, current_app
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from core.db import utcnow
from core.jobs.definitions import JobError, check_kwargs, job_callable
from core.jobs.models import PeriodicSlot
from core.jobs.outbox import enqueue
from core.kernel import kontora

EXTENSION = "kontora.periodic_jobs"


@dataclass(frozen=True)
class Periodic:
    """Run job ``job`` with ``kwargs`` at each time matching ``cron`` (in KONTORA_TIMEZONE).

    ``name`` tells two periodic runs of one job apart (default: the job name).
    """

    job: str
    cron: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    name: str = ""
    grace: timedelta = timedelta(hours=1)

    @property
    def key(self) -> str:
        return self.name or self.job

    def latest_slot(self, now: datetime, tz: ZoneInfo) -> datetime:
        """The last scheduled time at or before ``now``, in UTC."""
        start = now.astimezone(tz).replace(microsecond=0) + timedelta(seconds=1)
        return croniter(self.cron, start).get_prev(datetime).astimezone(UTC)

    def due_slot(self, now: datetime, tz: ZoneInfo) -> datetime | None:
        """The slot to run now, or None when the latest one is older than ``grace``."""
        slot = self.latest_slot(now, tz)
        return slot if now - slot <= self.grace else None


def validate_periodic(periodics: list[Periodic], jobs: dict[str, Any]) -> None:
    """Stop start-up on a periodic job that names no job, has a bad cron line or a clash."""
    seen: set[str] = set()
    for p in periodics:
        if not isinstance(p, Periodic):
            raise JobError(f"kontora_periodic_jobs returned {p!r}; return core.jobs.Periodic")
        job_callable(jobs, p.job)
        if not croniter.is_valid(p.cron):
            raise JobError(f"periodic job {p.key!r} has an invalid cron expression {p.cron!r}")
        check_kwargs(p.job, p.kwargs)
        if p.key in seen:
            raise JobError(f"two periodic jobs are named {p.key!r}; give them distinct names")
        seen.add(p.key)


def periodic_jobs(app: Flask) -> list[Periodic]:
    """The periodic jobs of every enabled plugin, checked once per app."""
    if EXTENSION not in app.extensions:
        k = kontora(app)
        periodics = k.collect("kontora_periodic_jobs")
        validate_periodic(periodics, k.jobs)
        app.extensions[EXTENSION] = periodics
    return app.extensions[EXTENSION]


def run_periodic(app: Flask | None = None, now: datetime | None = None) -> list[str]:
    """Claim and enqueue every periodic job whose latest slot is due; returns their names."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    k = kontora(app)
    now = now or utcnow()
    tz = ZoneInfo(k.settings.timezone)
    claimer = f"{socket.gethostname()}:{os.getpid()}"
    claimed = []
    with app.app_context():
        for p in periodic_jobs(app):
            slot = p.due_slot(now, tz)
            if slot is None:
                continue
            try:
                with k.db.unit() as s:
                    s.add(PeriodicSlot(job=p.key, slot=slot, claimed_at=now, claimed_by=claimer))
                    s.flush()
                    enqueue(p.job, **p.kwargs)
                    # slots past their grace can never be due again: keep the table small
                    s.execute(delete(PeriodicSlot).where(PeriodicSlot.job == p.key,
                                                         PeriodicSlot.slot < now - p.grace))
            except IntegrityError:
                continue  # another worker or cron run has this slot
            claimed.append(p.key)
    return claimed
