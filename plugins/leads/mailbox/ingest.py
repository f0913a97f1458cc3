"""Storing what the mailbox holds: one transaction per message, resumable at any point.

:func:`fetch_folder` opens one folder read-only and hands each new message to
:func:`store_message` in a unit of work of its own. That unit writes the message, its
files, its thread, its filing (inbox or automatic; a known contact's client timeline)
**and** the folder's new ``last_uid`` together, so a run that dies anywhere leaves either
all of a message or none of it, and the next run starts right after the last message
committed. Re-reading is harmless: a message already stored (by UID or by Message-ID) is
skipped.

A message that cannot be read or stored (the parser gives up, the database refuses a
value) must not stop the mailbox: its unit is rolled back and a second one keeps the raw
bytes in quarantine and moves the mark past it, so the next message is read in the same
run. Only faults that are not the message's (the IMAP connection or the database going
away) stop the run; the next run continues where it stopped.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.exc import InterfaceError, OperationalError

from core.db import session, utcnow
from core.kernel import kontora
from plugins.leads.mailbox.classify import automatic_reason
from plugins.leads.mailbox.fetcher import ImapFolder, MailboxError, MailboxUrl
from plugins.leads.mailbox.models import (
    BlockedSender,
    InboxAttachment,
    InboxMessage,
    MailboxState,
    QuarantinedMessage,
)
from plugins.leads.mailbox.parser import ParsedMessage, UnreadableMessage, headline, parse
from plugins.leads.mailbox.timeline import file_message

log = logging.getLogger(__name__)

REPLY_PREFIX = re.compile(
    r"^\s*((re|fwd?|aw|wg|sv|vs|tr|rif|odp|ynt|отв|отг|ответ|пересл|fw)"
    r"\s*(\[\d+\]|\(\d+\))?\s*:\s*)+", re.IGNORECASE)
"""Reply and forward prefixes as mail clients write them (English, German, Nordic,
Italian, Polish, Turkish, Russian, Bulgarian), repeated or numbered (``Re[2]:``)."""
THREAD_WINDOW = timedelta(days=90)
NOT_THE_MESSAGE = (MailboxError, OperationalError, InterfaceError)
"""Faults of the server or the database, not of a message: they stop the run instead of
quarantining a message that is fine."""


@dataclass
class FetchResult:
    """What one fetch of one folder did; ``error`` says why it stopped, if it did."""

    folder: str
    imported: int = 0
    quarantined: int = 0
    errors: int = 0
    error: str | None = None


def subject_key(subject: str) -> str:
    """The subject without reply/forward prefixes, folded, for threading by subject."""
    return " ".join(REPLY_PREFIX.sub("", subject).casefold().split())[:200]


def fetch_folder(box: MailboxUrl) -> FetchResult:
    """Read the new messages of one folder; the result is also kept on its state row.

    A :class:`MailboxError` (server unreachable, login refused, connection lost) ends the
    folder's run and is reported in the result; a database fault is re-raised."""
    k = kontora()
    result = FetchResult(box.key)
    try:
        with ImapFolder(box) as folder:
            with k.db.unit():
                last_uid = start_reading(box.key, folder.uidvalidity)
            for uid, raw in folder.messages_after(last_uid):
                outcome = _take(box.key, folder.uidvalidity, uid, raw)
                result.imported += outcome == "imported"
                result.quarantined += outcome == "quarantined"
    except MailboxError as exc:
        log.warning("mailbox %s: %s", box.key, exc)
        result.errors, result.error = result.errors + 1, str(exc)[:500]
    except Exception as exc:
        result.errors, result.error = result.errors + 1, reason_of(exc)
        record_result(result)
        raise
    record_result(result)
    return result


def _take(folder: str, uidvalidity: int, uid: int, raw: bytes) -> str:
    """Store one message, or quarantine it if it cannot be read or stored; says which
    (``imported``, ``quarantined`` or ``skipped`` when it was kept before)."""
    k = kontora()
    try:
        with k.db.unit():
            stored = store_message(folder, uidvalidity, uid, raw)
        return "skipped" if stored is None else "imported"
    except NOT_THE_MESSAGE:
        raise
    except Exception as exc:  # any fault of this message's: keep it apart, read on
        log.warning("mailbox %s: UID %s quarantined", folder, uid, exc_info=True)
        with k.db.unit():
            kept = quarantine(folder, uidvalidity, uid, raw, reason_of(exc))
        return "skipped" if kept is None else "quarantined"


def reason_of(exc: BaseException) -> str:
    """What went wrong, in the words kept on a quarantine entry."""
    if isinstance(exc, UnreadableMessage):
        return str(exc)[:500]
    return f"{type(exc).__name__}: {exc}"[:500]


def record_result(result: FetchResult) -> None:
    """Keep ``result`` on the folder's state row, in a unit of its own (best effort when
    the run is failing anyway)."""
    try:
        with kontora().db.unit():
            state = _state(result.folder)
            state.fetched_at = utcnow()
            state.imported, state.quarantined = result.imported, result.quarantined
            state.errors, state.error = result.errors, result.error
    except NOT_THE_MESSAGE:
        log.warning("mailbox %s: the fetch result could not be kept", result.folder,
                    exc_info=True)


def start_reading(folder: str, uidvalidity: int) -> int:
    """The UID to read after; a new UIDVALIDITY starts the folder over from UID 1."""
    state = _state(folder)
    if state.uidvalidity != uidvalidity:
        if state.uidvalidity:
            log.warning("%s: UIDVALIDITY changed from %s to %s, reading it again",
                        folder, state.uidvalidity, uidvalidity)
        state.uidvalidity, state.last_uid = uidvalidity, 0
    state.polled_at = utcnow()
    return state.last_uid


def store_message(folder: str, uidvalidity: int, uid: int, raw: bytes) -> InboxMessage | None:
    """Keep one message and move the folder's mark past it; ``None`` if it was kept (or
    quarantined) before."""
    state = _state(folder)
    if state.uidvalidity == uidvalidity:
        if uid <= state.last_uid:
            return None
        state.last_uid = uid
    if session().scalar(select(QuarantinedMessage.id).where(
            QuarantinedMessage.folder == folder, QuarantinedMessage.uidvalidity == uidvalidity,
            QuarantinedMessage.uid == uid)) is not None:
        return None
    return import_message(folder, uidvalidity, uid, raw)


def _move_mark(folder: str, uidvalidity: int, uid: int) -> None:
    state = _state(folder)
    if state.uidvalidity == uidvalidity and uid > state.last_uid:
        state.last_uid = uid


def import_message(folder: str, uidvalidity: int, uid: int,
                   raw: bytes) -> InboxMessage | None:
    """Parse, file and write one message (the folder's mark is the caller's); ``None`` if
    a message with its UID or Message-ID is stored already."""
    parsed = parse(raw)
    known = session().scalar(select(InboxMessage.id).where(or_(
        InboxMessage.message_id == parsed.message_id,
        (InboxMessage.folder == folder) & (InboxMessage.uidvalidity == uidvalidity)
        & (InboxMessage.uid == uid))))
    if known is not None:
        return None
    message = _message(folder, uidvalidity, uid, raw, parsed)
    session().add(message)
    session().flush()
    message.thread_id = _thread_of(message) or message.id
    if message.kind == "inbox":
        file_message(message)
    session().flush()
    return message


def quarantine(folder: str, uidvalidity: int, uid: int, raw: bytes,
               reason: str) -> QuarantinedMessage | None:
    """Keep a message that cannot be read or stored as raw bytes and move the folder's mark
    past it; ``None`` if it is in quarantine already (by UID, or by its bytes when the
    folder was renumbered)."""
    _move_mark(folder, uidvalidity, uid)
    digest = hashlib.sha256(raw).hexdigest()
    existing = session().scalar(select(QuarantinedMessage).where(
        QuarantinedMessage.folder == folder,
        or_(and_(QuarantinedMessage.uidvalidity == uidvalidity, QuarantinedMessage.uid == uid),
            QuarantinedMessage.sha256 == digest)))
    if existing is not None:
        if existing.uidvalidity != uidvalidity:  # the folder's numbers changed: follow them
            existing.uidvalidity, existing.uid = uidvalidity, uid
        return None
    sender, subject = headline(raw)
    entry = QuarantinedMessage(folder=folder, uidvalidity=uidvalidity, uid=uid,
                               sender=sender[:300], subject=subject[:300], reason=reason[:500],
                               attempts=1, size=len(raw), sha256=digest, raw=raw)
    session().add(entry)
    session().flush()
    return entry


def _state(folder: str) -> MailboxState:
    state = session().scalar(select(MailboxState).where(MailboxState.folder == folder))
    if state is None:
        state = MailboxState(folder=folder, uidvalidity=0, last_uid=0)
        session().add(state)
        session().flush()
    return state


def _message(folder: str, uidvalidity: int, uid: int, raw: bytes,
             parsed: ParsedMessage) -> InboxMessage:
    reason = automatic_reason(parsed, blocked_patterns())
    sender = parsed.sender
    return InboxMessage(
        folder=folder, uidvalidity=uidvalidity, uid=uid, message_id=parsed.message_id,
        in_reply_to=parsed.in_reply_to, reference_ids=parsed.references[-20:],
        subject=parsed.subject[:998], subject_key=subject_key(parsed.subject),
        from_name=(sender.name if sender else "")[:300],
        from_email=(sender.email if sender else "")[:254],
        recipients=[a.email for a in parsed.to + parsed.cc][:100],
        sent_at=parsed.date, received_at=utcnow(), text=parsed.text, html=parsed.html,
        kind="automatic" if reason else "inbox", automatic_reason=reason, size=len(raw),
        attachments=[InboxAttachment(filename=a.filename[:255], content_type=a.content_type[:120],
                                    size=len(a.data), sha256=a.sha256, data=a.data,
                                    storage_key=secrets.token_urlsafe(32))
                     for a in parsed.attachments])


def blocked_patterns() -> list[str]:
    return list(session().scalars(select(BlockedSender.pattern)))


def _thread_of(message: InboxMessage) -> int | None:
    """The thread of the message this one answers: by In-Reply-To and References first,
    else, for a subject with a reply prefix, the latest message of the same subject
    exchanged with the same sender."""
    ids = [i for i in [message.in_reply_to, *reversed(message.reference_ids)] if i]
    if ids:
        parents = {m.message_id: m for m in session().scalars(
            select(InboxMessage).where(InboxMessage.message_id.in_(ids),
                                      InboxMessage.id != message.id))}
        for wanted in ids:
            if wanted in parents:
                return parents[wanted].thread_id or parents[wanted].id
    if not message.subject_key or not REPLY_PREFIX.match(message.subject) \
            or not message.from_email:
        return None
    candidates = session().scalars(
        select(InboxMessage).where(InboxMessage.subject_key == message.subject_key,
                                  InboxMessage.id != message.id,
                                  InboxMessage.received_at >= utcnow() - THREAD_WINDOW)
        .order_by(InboxMessage.received_at.desc(), InboxMessage.id.desc()).limit(50))
    for candidate in candidates:
        if candidate.from_email == message.from_email or \
                message.from_email in (candidate.recipients or []):
            return candidate.thread_id or candidate.id
    return None
