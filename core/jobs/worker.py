"""The RQ worker ``kontora worker`` runs: jobs, plus the outbox and periodic slots between them.

RQ's own cron scheduler (``rq cron``) runs as a separate process per host and keeps its
schedule in memory, so two hosts would both run every slot; Kontora claims slots in the
database instead and lets every worker do it, a tick at a time, in its main loop.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import Flask
from rq import Worker
from rq.worker.base import BaseWorker

from core.jobs.outbox import drain_outbox
from core.jobs.periodic import run_periodic
from core.kernel import kontora

log = logging.getLogger(__name__)


class KontoraWorker(Worker):
    """A forking RQ worker that drains the outbox and claims periodic slots every tick."""

    tick_seconds = 15

    def __init__(self, *args: Any, app: Flask, **kwargs: Any) -> None:
        # RQ's maintenance (every 10 minutes by default) is what retries the job of a worker
        # that died; every tick, a killed worker's mail goes out minutes sooner.
        kwargs.setdefault("maintenance_interval", self.tick_seconds)
        super().__init__(*args, **kwargs)
        self.app = app
        self._last_tick: float | None = None

    @property
    def dequeue_timeout(self) -> int:
        """Wake at least once a tick even when no job arrives."""
        return min(super().dequeue_timeout, self.tick_seconds)

    @property
    def should_run_maintenance_tasks(self) -> bool:
        return True  # asked on every loop turn; run_maintenance_tasks paces itself

    def run_maintenance_tasks(self) -> None:
        if self._last_tick is None or time.monotonic() - self._last_tick >= self.tick_seconds:
            self._last_tick = time.monotonic()
            self.tick()
        if BaseWorker.should_run_maintenance_tasks.fget(self):  # type: ignore[attr-defined]
            super().run_maintenance_tasks()

    def tick(self) -> None:
        """Hand pending outbox rows to RQ and enqueue due periodic jobs."""
        try:
            with self.app.app_context():
                handed = drain_outbox(self.app)
                claimed = run_periodic(self.app)
        except Exception:  # the database may be briefly away; the next tick tries again
            log.exception("worker tick failed")
            return
        if handed or claimed:
            log.info("outbox: %d job(s) handed over; periodic: %s", handed,
                     ", ".join(claimed) or "none due")

    def fork_work_horse(self, job: Any, queue: Any) -> None:
        """Close pooled database connections first: a forked horse must never share them."""
        kontora(self.app).db.engine.dispose()
        super().fork_work_horse(job, queue)
