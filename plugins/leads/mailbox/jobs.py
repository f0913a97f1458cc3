"""The periodic job that reads the company mailbox (``leads.poll-mailbox``)."""

from __future__ import annotations

from core.jobs import Periodic, retries
from plugins.leads.mailbox.ingest import poll_mailbox

JOB = "leads.poll-mailbox"
PERIODIC = Periodic(job=JOB, cron="*/2 * * * *")
"""Every two minutes; with no ``KONTORA_MAILBOX_URL`` a run does nothing."""


@retries(max_retries=0)
def poll() -> None:
    """Store what arrived since the last run. Each message commits on its own, so a run
    that fails half-way is simply continued by the next slot; no retries of its own (they
    would only overlap the next slot), a failed run is listed by ``kontora jobs list``."""
    poll_mailbox()
