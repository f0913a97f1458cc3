"""Background and periodic jobs.

A plugin names its jobs in ``kontora_jobs`` (``{"offers.render-pdf": render_pdf}``) and
calls ``enqueue("offers.render-pdf", offer_id=7)`` from a service. The job runs after the
transaction commits: on RQ when ``KONTORA_REDIS_URL`` is set, inline otherwise. Periodic
jobs are :class:`Periodic` values from ``kontora_periodic_jobs``. See ``docs/jobs.md``.
"""

from core.jobs.definitions import JobError, RetryPolicy, retries
from core.jobs.outbox import drain_outbox, enqueue
from core.jobs.periodic import Periodic, run_periodic

__all__ = ["JobError", "Periodic", "RetryPolicy", "drain_outbox", "enqueue", "retries",
           "run_periodic"]
