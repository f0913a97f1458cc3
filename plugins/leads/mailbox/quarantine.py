"""Messages kept apart because they could not be read or stored: list, retry, discard.

Seeing the quarantine needs ``leads.mailbox.read`` (it sits on the mailbox page); retrying
and discarding need ``leads.mailbox.admin``. A retry reads the kept bytes again with the
code now running, the way the fetch does, inside a savepoint: if it works the message joins
the inbox and the entry goes; if not, the entry keeps the new reason and one more attempt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from core.db import session
from core.errors import NotFound
from core.i18n import gettext as _
from core.permissions import require
from core.services import service
from plugins.leads.mailbox.ingest import NOT_THE_MESSAGE, import_message, reason_of
from plugins.leads.mailbox.models import InboxMessage, QuarantinedMessage
from plugins.leads.mailbox.services import ADMIN, READ

SHOWN = 200


@dataclass(frozen=True)
class RetryOutcome:
    """``message`` when the retry stored it (or found it stored), else the entry kept."""

    message: InboxMessage | None
    entry: QuarantinedMessage | None


def quarantined(principal: Any, limit: int = SHOWN) -> list[QuarantinedMessage]:
    """The entries, newest first."""
    require(principal, READ)
    return list(session().scalars(select(QuarantinedMessage)
                                  .order_by(QuarantinedMessage.id.desc()).limit(limit)))


def count(principal: Any) -> int:
    require(principal, READ)
    return session().scalar(select(func.count()).select_from(QuarantinedMessage)) or 0


def get_entry(principal: Any, entry_id: int) -> QuarantinedMessage:
    require(principal, READ)
    entry = session().get(QuarantinedMessage, entry_id)
    if entry is None:
        raise NotFound(_("There is no such message in quarantine."))
    return entry


@service(ADMIN)
def retry_quarantined(principal: Any, entry_id: int) -> RetryOutcome:
    """Read a quarantined message again; it joins the inbox if it can be read now."""
    entry = get_entry(principal, entry_id)
    try:
        with session().begin_nested():
            message = import_message(entry.folder, entry.uidvalidity, entry.uid, entry.raw)
    except NOT_THE_MESSAGE:
        raise
    except Exception as exc:  # still unreadable: keep it, say why
        entry.attempts += 1
        entry.reason = reason_of(exc)
        session().flush()
        return RetryOutcome(None, entry)
    if message is None:  # stored meanwhile (the same Message-ID came again)
        message = session().scalar(select(InboxMessage).where(
            InboxMessage.folder == entry.folder, InboxMessage.uidvalidity == entry.uidvalidity,
            InboxMessage.uid == entry.uid))
    session().delete(entry)
    session().flush()
    return RetryOutcome(message, None)


@service(ADMIN)
def discard_quarantined(principal: Any, entry_id: int) -> None:
    """Drop a quarantined message for good (the server's copy is untouched)."""
    session().delete(get_entry(principal, entry_id))
    session().flush()
