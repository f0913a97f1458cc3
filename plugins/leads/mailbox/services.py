"""What staff do with the mailbox: read it, turn a message into a lead, keep the block list.

Reading needs ``leads.mailbox.read``; the block list ``leads.mailbox.admin``. Turning a
message into a lead also goes through ``create_lead`` (``leads.write``) and the activities
note service (``activities.write``), so their rules hold here too.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, or_, select, update

from core.db import session
from core.errors import Conflict, Forbidden, NotAuthenticated, NotFound, ValidationError
from core.i18n import gettext as _
from core.permissions import require
from core.services import locked, service
from plugins.leads.mailbox.models import BlockedSender, InboxAttachment, InboxMessage
from plugins.leads.mailbox.timeline import file_on_lead, thread_lead
from plugins.leads.models import Lead

READ = "leads.mailbox.read"
ADMIN = "leads.mailbox.admin"
PAGE = 50
DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
LOCAL = re.compile(r"^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}$")
STATES = ("new", "lead", "client")
KEPT_TEXT_TYPES = {"message/rfc822", "text/calendar", "text/vcard", "text/x-vcard"}
"""Declared types of plain-text files that are kept on a lead instead of ``text/plain``;
none of them is shown in the browser (they always download)."""


@dataclass(frozen=True)
class Page:
    items: list[InboxMessage]
    next_before: int | None


def list_messages(principal: Any, *, kind: str = "inbox", state: str | None = None,
                  search: str | None = None, before: int | None = None,
                  limit: int = PAGE) -> Page:
    """Messages newest first, ``limit`` at a time (``before`` = the last id seen)."""
    require(principal, READ)
    stmt = select(InboxMessage).where(InboxMessage.kind == kind)
    stmt = _state_filter(stmt, state)
    if search and search.strip():
        pattern = f"%{search.strip()[:100]}%"
        stmt = stmt.where(or_(InboxMessage.subject.ilike(pattern),
                              InboxMessage.from_email.ilike(pattern),
                              InboxMessage.from_name.ilike(pattern)))
    if before is not None:
        stmt = stmt.where(InboxMessage.id < before)
    rows = list(session().scalars(stmt.order_by(InboxMessage.id.desc()).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, rows[-1].id if more and rows else None)


def _state_filter(stmt: Select, state: str | None) -> Select:
    if state == "new":
        return stmt.where(InboxMessage.lead_id.is_(None), InboxMessage.client_id.is_(None))
    if state == "lead":
        return stmt.where(InboxMessage.lead_id.is_not(None))
    if state == "client":
        return stmt.where(InboxMessage.client_id.is_not(None))
    return stmt


def get_message(principal: Any, message_id: int) -> InboxMessage:
    require(principal, READ)
    message = session().get(InboxMessage, message_id)
    if message is None:
        raise NotFound(_("There is no such message."))
    return message


def thread(principal: Any, message: InboxMessage) -> Sequence[InboxMessage]:
    """Every message of ``message``'s conversation, oldest first."""
    require(principal, READ)
    return list(session().scalars(
        select(InboxMessage).where(InboxMessage.thread_id == message.thread_id)
        .order_by(InboxMessage.received_at, InboxMessage.id)))


def get_attachment(principal: Any, storage_key: str) -> InboxAttachment:
    """The file behind ``storage_key``; every refusal is the same 404."""
    try:
        require(principal, READ)
    except (Forbidden, NotAuthenticated):
        raise NotFound(_("There is no such file.")) from None
    found = session().scalar(select(InboxAttachment)
                             .where(InboxAttachment.storage_key == storage_key))
    if found is None:
        raise NotFound(_("There is no such file."))
    return found


@service(READ)
def convert_to_lead(principal: Any, message_id: int) -> Any:
    """A lead from a message: the sender as its contact, the text as a note with the
    files attached. A message made into a lead before, or whose conversation became a lead
    already, gives that lead back (filed on it) instead of a second one; the other messages
    of the conversation are filed on the new lead."""
    from plugins.leads.services import create_lead

    message = locked(get_message(principal, message_id))  # a double click makes one lead
    if message.kind != "inbox":
        raise Conflict(_("Automatic mail cannot become a lead."))
    if message.lead_id is not None:
        existing = session().get(Lead, message.lead_id)
        if existing is not None:
            return existing
    belongs = thread_lead(message)
    if belongs is not None:
        file_on_lead(message, belongs)
        session().flush()
        return belongs
    data = {"title": (message.subject or message.from_name or message.from_email)[:200],
            "person_name": message.from_name[:200] or None,
            "email": message.from_email or None, "source_ref": message.message_id[:300],
            "client_id": message.client_id}
    lead = create_lead(principal, data, source="email")
    _note_on_lead(principal, message, lead.id)
    message.lead_id = lead.id
    for other in session().scalars(select(InboxMessage).where(
            InboxMessage.thread_id == message.thread_id, InboxMessage.id != message.id,
            InboxMessage.kind == "inbox", InboxMessage.lead_id.is_(None))):
        file_on_lead(other, lead)
    session().flush()
    return lead


def _note_on_lead(principal: Any, message: InboxMessage, lead_id: int) -> None:
    """The message's text as a note on the lead; the files a note accepts attached to it,
    ten per note (more notes follow for more files)."""
    from plugins.activities import services as activities
    from plugins.activities import storage
    from plugins.activities.services.notes import MAX_FILES

    limit = storage.max_bytes()
    files = [a for a in message.attachments if a.size <= limit
             and storage.sniff(a.data, a.filename) in storage.ALLOWED_TYPES]
    head = "\n".join(line for line in (
        _("From: %(sender)s", sender=message.sender_label),
        _("Subject: %(subject)s", subject=message.subject) if message.subject else "",
    ) if line)
    body = f"{head}\n\n{message.text}".strip()[:20000]
    batches = [files[i:i + MAX_FILES] for i in range(0, len(files), MAX_FILES)] or [[]]
    for number, batch in enumerate(batches):
        text = body if number == 0 else _("More files of the e-mail %(subject)s",
                                          subject=message.subject or message.sender_label)
        note = activities.add_note(principal, "leads.lead", lead_id,
                                   {"kind": "note", "body": text},
                                   files=[(a.filename, io.BytesIO(a.data)) for a in batch])
        for stored, original in zip(note.attachments, batch, strict=True):
            stored.filename = original.filename[:255] or stored.filename
            stored.content_type = kept_type(original.content_type, stored.content_type)
    session().flush()


def kept_type(declared: str, sniffed: str) -> str:
    """The type a file copied from mail keeps: what its bytes show, except that text the
    sender declared as a message or calendar stays one (an ``.eml`` is no ``.txt``).

    The activities store names an upload for the web (letters, digits, dots and dashes, an
    extension matching the sniffed type); a file from mail already has the name its sender
    gave it, decoded by the parser without path separators or control characters, and the
    download sends it as RFC 6266 ``filename*``, so the name is kept as the sender wrote it
    (Cyrillic, spaces, dashes)."""
    return declared if sniffed == "text/plain" and declared in KEPT_TEXT_TYPES else sniffed


def blocked_senders(principal: Any) -> list[BlockedSender]:
    require(principal, ADMIN)
    return list(session().scalars(select(BlockedSender).order_by(BlockedSender.pattern)))


@service(ADMIN)
def block_sender(principal: Any, data: Any) -> BlockedSender:
    """Block an address or a domain; its messages still in the inbox (not yet a lead) are
    moved to the automatic mail."""
    if not isinstance(data, dict):
        data = {}
    pattern = str(data.get("pattern") or "").strip().lower().lstrip("@")
    note = str(data.get("note") or "").strip()[:200] or None
    if not _valid_pattern(pattern):
        raise ValidationError(_("Some fields are not valid."), fields={"pattern": [
            _("Give an e-mail address or a domain such as example.com.")]})
    if session().scalar(select(BlockedSender.id).where(BlockedSender.pattern == pattern)):
        raise ValidationError(_("Some fields are not valid."), fields={"pattern": [
            _("This address or domain is blocked already.")]})
    entry = BlockedSender(pattern=pattern, note=note)
    session().add(entry)
    if "@" in pattern:
        matches = InboxMessage.from_email == pattern
    else:
        matches = or_(InboxMessage.from_email.like(f"%@{pattern}"),
                      InboxMessage.from_email.like(f"%.{pattern}"))
    session().execute(update(InboxMessage).where(
        matches, InboxMessage.kind == "inbox", InboxMessage.lead_id.is_(None))
        .values(kind="automatic", automatic_reason="blocked"))
    session().flush()
    return entry


@service(ADMIN)
def unblock_sender(principal: Any, entry_id: int) -> None:
    entry = session().get(BlockedSender, entry_id)
    if entry is None:
        raise NotFound(_("There is no such entry."))
    session().delete(entry)
    session().flush()


def _valid_pattern(pattern: str) -> bool:
    if "@" not in pattern:
        return bool(DOMAIN.match(pattern))
    local, _at, domain = pattern.rpartition("@")
    return bool(LOCAL.match(local) and DOMAIN.match(domain))
