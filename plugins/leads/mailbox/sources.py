"""Which folders the mailbox reads: ``KONTORA_MAILBOX_URL`` and the mailboxes set up by an
administrator (:mod:`..accounts`), each folder read in turn by :func:`..ingest.fetch_folder`.
"""

from __future__ import annotations

import logging
import os

from sqlalchemy import select

from core.db import session
from core.kernel import kontora
from plugins.leads.mailbox.fetcher import MailboxError, MailboxUrl, parse_url
from plugins.leads.mailbox.ingest import FetchResult, fetch_folder, record_result
from plugins.leads.mailbox.models import MailboxAccount

log = logging.getLogger(__name__)


def account_folders(account: MailboxAccount) -> list[MailboxUrl]:
    """The folders ``account`` reads, with the password from its variable ("" if unset)."""
    password = os.environ.get(account.password_env, "")
    return [MailboxUrl(host=account.host, port=account.port, user=account.username,
                       password=password, folder=folder, security=account.security)
            for folder in account.folders]


def configured_folders() -> tuple[list[MailboxUrl], list[FetchResult]]:
    """Every folder to read (the same folder named twice is read once), and a failed result
    for each folder that cannot be read as set up (a bad URL, a password variable unset)."""
    folders: dict[str, MailboxUrl] = {}
    broken: list[FetchResult] = []
    url = kontora().settings.mailbox_url
    if url:
        try:
            box = parse_url(url)
            folders[box.key] = box
        except MailboxError as exc:
            broken.append(FetchResult("KONTORA_MAILBOX_URL", errors=1, error=str(exc)))
    with kontora().db.unit():
        accounts = list(session().scalars(select(MailboxAccount).where(MailboxAccount.active)
                                          .order_by(MailboxAccount.id)))
        for account in accounts:
            unset = not os.environ.get(account.password_env)
            for box in account_folders(account):
                if unset:
                    broken.append(FetchResult(box.key, errors=1, error=(
                        f"the environment variable {account.password_env} holding the "
                        f"password of {account.name!r} is not set")))
                else:
                    folders.setdefault(box.key, box)
    return list(folders.values()), broken


def fetch_all() -> list[FetchResult]:
    """Fetch every configured folder; one that cannot be read does not stop the others."""
    folders, broken = configured_folders()
    for result in broken:
        log.warning("mailbox %s: %s", result.folder, result.error)
        if result.folder != "KONTORA_MAILBOX_URL":
            record_result(result)
    if not folders and not broken:
        log.debug("no mailbox is configured; nothing to read")
    return broken + [fetch_folder(box) for box in folders]
