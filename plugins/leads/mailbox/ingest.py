"""Storing what the mailbox holds: one transaction per message, resumable at any point.

:func:`poll_mailbox` (the periodic job) opens the folder read-only and hands each new
message to :func:`store_message` in a unit of work of its own. That unit writes the
message, its files, its thread, its filing (inbox or automatic; a known contact's client
timeline) **and** the folder's new ``last_uid`` together, so a run that dies anywhere
leaves either all of a message or none of it, and the next run starts right after the last
message committed. Re-reading is harmless: a message already stored (by UID or by
Message-ID) is skipped.
"""

from __future__ import annotations

import logging
import re
import secrets
from datetime import timedelta

from sqlalchemy import or_, select

from core.db import session, utcnow
from core.kernel import kontora
from plugins.leads.mailbox.classify import automatic_reason
from plugins.leads.mailbox.fetcher import ImapFolder, parse_url
from plugins.leads.mailbox.models import BlockedSender, InboxAttachment, InboxMessage, MailboxState
from plugins.leads.mailbox.parser import ParsedMessage, parse
from plugins.leads.mailbox.timeline import file_on_client_timeline

log = logging.getLogger(__name__)

REPLY_PREFIX = re.compile(
    r"^\s*((re|fwd?|aw|wg|sv|vs|tr|rif|odp|ynt|отв|отг|ответ|пересл|fw)"
    r"\s*(\[\d+\]|\(\d+\))?\s*:\s*)+", re.IGNORECASE)
"""Reply and forward prefixes as mail clients write them (English, German, Nordic,
Italian, Polish, Turkish, Russian, Bulgarian), repeated or numbered (``Re[2]:``)."""
THREAD_WINDOW = timedelta(days=90)


def subject_key(subject: str) -> str:
    """The subject without reply/forward prefixes, folded, for threading by subject."""
    return " ".join(REPLY_PREFIX.sub("", subject).casefold().split())[:200]


def poll_mailbox(url: str | None = None) -> int:
    """Read the new messages of the configured mailbox; returns how many were stored."""

    k = kontora()
    url = url or k.settings.mailbox_url
    if not url:
        log.debug("KONTORA_MAILBOX_URL is not set; no mailbox to read")
        return 0
    box = parse_url(url)
    stored = 0
    with ImapFolder(box) as folder:
        with k.db.unit():
            last_uid = start_reading(box.key, folder.uidvalidity)
        for uid, raw in folder.messages_after(last_uid):
            with k.db.unit():
                if store_message(box.key, folder.uidvalidity, uid, raw) is not None:
                    stored += 1
    return stored


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
    """Keep one message and move the folder's mark past it; ``None`` if it was kept before."""
    state = _state(folder)
    if state.uidvalidity == uidvalidity:
        if uid <= state.last_uid:
            return None
        state.last_uid = uid
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
        file_on_client_timeline(message)
    session().flush()
    return message


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
