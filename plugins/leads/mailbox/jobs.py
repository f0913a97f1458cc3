"""The periodic job that reads the company mailbox (``leads.poll-mailbox``)."""

from __future__ import annotations

from core.jobs import Periodic, retries
from plugins.leads.mailbox.fetcher import MailboxError
from plugins.leads.mailbox.sources import fetch_all

JOB = "leads.poll-mailbox"
PERIODIC = Periodic(job=JOB, cron="*/2 * * * *")
"""Every two minutes; with no mailbox configured a run does nothing."""


@retries(max_retries=0)
def poll() -> None:
    """Store what arrived since the last run in every configured folder. Each message
    commits on its own, so a run that fails half-way is simply continued by the next slot;
    no retries of its own (they would only overlap the next slot). A folder that could not
    be read does not keep the others from being read, but fails the run afterwards, so
    ``kontora jobs list`` shows it."""
    failed = [r for r in fetch_all() if r.error]
    if failed:
        raise MailboxError("; ".join(f"{r.folder}: {r.error}" for r in failed))
