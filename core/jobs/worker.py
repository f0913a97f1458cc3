"""The RQ worker ``kontora worker`` runs: jobs, plus the outbox and periodic slots between them.

RQ's own cron scheduler (``rq cron``) runs as a separate process per host and keeps its
schedule in memory, so two hosts would both run every slot; Kontora claims slots in the
database instead and lets every worker do it, a tick at a time, in its main loop.

RQ's scheduler for delayed jobs (retries waiting out their backoff) runs as a thread of the
worker, not the forked process RQ starts by default: a second copy of the whole application
only to move due job ids from one Redis set to another every second cost as much memory as
the worker itself. It takes the same per-queue Redis lock, so one worker per queue schedules.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from flask import Flask
from rq import Worker
from rq.scheduler import RQScheduler
from rq.worker.base import BaseWorker

from core.jobs.outbox import drain_outbox
from core.jobs.periodic import run_periodic
from core.kernel import kontora

log = logging.getLogger(__name__)


class ThreadScheduler(RQScheduler):
    """RQ's scheduler loop in a daemon thread of the worker process.

    ``_process`` holds the thread, so RQ's checks (``is_alive()``, restart after a lost lock)
    work unchanged; the worker stops it with :meth:`stop_thread` instead of a signal. Each
    turn holds ``turn_lock``, which the worker takes around a fork, so a work horse never
    starts as a copy of a thread caught halfway through a Redis call or a log line.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._wake = threading.Event()
        self.turn_lock = threading.Lock()

    def start(self) -> threading.Thread:  # type: ignore[override]
        self._status = self.Status.STARTED
        self._stop_requested = False
        self._wake.clear()
        self._process = threading.Thread(target=self._loop, name="rq-scheduler", daemon=True)
        self._process.start()
        return self._process

    def _loop(self) -> None:
        self.register_birth()
        while not self._stop_requested:
            with self.turn_lock:
                try:
                    if self.should_reacquire_locks:
                        self.acquire_locks()
                    self.heartbeat()
                    self.enqueue_scheduled_jobs()
                except Exception:  # Redis briefly away: the worker's own loop reconnects too
                    log.exception("scheduler turn failed")
            self._wake.wait(self.interval)
        with self.turn_lock:
            self.stop()

    def stop_thread(self) -> None:
        self._stop_requested = True
        self._wake.set()
        if self._process is not None and self._process is not threading.current_thread():
            self._process.join()


class KontoraWorker(Worker):
    """A forking RQ worker that drains the outbox and claims periodic slots every tick."""

    tick_seconds = 15

    def __init__(self, *args: Any, app: Flask, **kwargs: Any) -> None:
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

    def _start_scheduler(self, burst: bool = False, logging_level: str | None = "INFO",
                         *args: Any, **kwargs: Any) -> None:
        """RQ's own start-up, with :class:`ThreadScheduler` instead of a forked process."""
        self.scheduler = ThreadScheduler(self.queues, connection=self.connection,
                                         logging_level=logging_level or self.log.level,
                                         serializer=self.serializer)
        self.scheduler.acquire_locks()
        if not self.scheduler.acquired_locks:
            return  # another worker schedules; run_maintenance_tasks retries the lock
        if burst:
            try:
                self.scheduler.register_birth()
                self.scheduler.enqueue_scheduled_jobs()
            finally:
                self.scheduler.release_locks()
                self.scheduler.register_death()
        else:
            self.scheduler.start()

    def stop_scheduler(self) -> None:
        if isinstance(self.scheduler, ThreadScheduler):
            self.scheduler.stop_thread()

    def fork_work_horse(self, job: Any, queue: Any) -> None:
        """Close pooled database connections first: a forked horse must never share them.

        The fork waits for the scheduler thread's current turn (see :class:`ThreadScheduler`).
        """
        kontora(self.app).db.engine.dispose()
        if isinstance(self.scheduler, ThreadScheduler):
            with self.scheduler.turn_lock:
                super().fork_work_horse(job, queue)
        else:
            super().fork_work_horse(job, queue)
