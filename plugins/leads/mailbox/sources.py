"""Which folders the mailbox reads: ``KONTORA_MAILBOX_URL`` and the mailboxes set up by an
administrator, each read in turn by :func:`..ingest.fetch_folder`."""

from __future__ import annotations

import logging

from core.kernel import kontora
from plugins.leads.mailbox.fetcher import MailboxError, MailboxUrl, parse_url
from plugins.leads.mailbox.ingest import FetchResult, fetch_folder

log = logging.getLogger(__name__)


def configured_folders() -> list[MailboxUrl]:
    """Every folder to read; the same folder named twice is read once."""
    folders: dict[str, MailboxUrl] = {}
    url = kontora().settings.mailbox_url
    if url:
        box = parse_url(url)
        folders[box.key] = box
    return list(folders.values())


def fetch_all() -> list[FetchResult]:
    """Fetch every configured folder; one that cannot be read does not stop the others."""
    try:
        folders = configured_folders()
    except MailboxError as exc:
        return [FetchResult("KONTORA_MAILBOX_URL", errors=1, error=str(exc))]
    if not folders:
        log.debug("no mailbox is configured; nothing to read")
    return [fetch_folder(box) for box in folders]
