"""Mail that belongs to someone goes on their timeline by itself.

A message belongs to a lead or a client in two ways. Its conversation does: a message of the
same thread (In-Reply-To / References / Message-ID, see :mod:`..ingest`) was made into a
lead or filed on a client, or a lead was made from one of the messages it answers. Or its
sender is known: the address is a contact's e-mail (``parties`` contact methods) or a
client's own e-mail. The conversation wins, so a reply to a deal lands on that deal (on its
client once the lead was converted) and is never offered as a second lead.

The message becomes a logged ``email`` activity on the record (``activities``), owned by the
record's owner so the same record rules show it; the message keeps the activity's id, and
since both are written in the message's own transaction a second reading of the mailbox can
never add it twice. Nobody acts here but the mailbox job, so the activity is written
directly, not through a staff service.
"""

from __future__ import annotations

from sqlalchemy import select

from core.db import session, utcnow
from plugins.activities.models import Activity, Participant
from plugins.leads.mailbox.models import InboxMessage
from plugins.leads.models import Lead
from plugins.parties.models import Client, ClientContact, ContactMethod

MAX_DESCRIPTION = 20000


def known_client_id(email: str) -> int | None:
    """The client whose contact (the primary one first) or who itself uses ``email``."""
    if not email:
        return None
    found = session().scalar(
        select(ClientContact.client_id)
        .join(ContactMethod, ContactMethod.contact_id == ClientContact.contact_id)
        .where(ContactMethod.channel == "email", ContactMethod.value == email)
        .order_by(ClientContact.is_primary.desc(), ClientContact.client_id).limit(1))
    if found is not None:
        return found
    return session().scalar(select(Client.id).where(Client.email == email)
                            .order_by(Client.id).limit(1))


def thread_lead(message: InboxMessage) -> Lead | None:
    """The lead ``message``'s conversation became: one made from a message of its thread,
    or from a message it names in In-Reply-To / References."""
    lead_id = None
    if message.thread_id is not None:
        lead_id = session().scalar(
            select(InboxMessage.lead_id).where(InboxMessage.thread_id == message.thread_id,
                                               InboxMessage.id != message.id,
                                               InboxMessage.lead_id.is_not(None))
            .order_by(InboxMessage.id).limit(1))
    ids = [i for i in [message.in_reply_to, *(message.reference_ids or [])] if i]
    if lead_id is None and ids:
        lead_id = session().scalar(select(Lead.id).where(Lead.source_ref.in_(ids))
                                   .order_by(Lead.id).limit(1))
    return session().get(Lead, lead_id) if lead_id is not None else None


def thread_client_id(message: InboxMessage) -> int | None:
    """The client a message of ``message``'s thread was filed on."""
    if message.thread_id is None:
        return None
    return session().scalar(
        select(InboxMessage.client_id).where(InboxMessage.thread_id == message.thread_id,
                                             InboxMessage.id != message.id,
                                             InboxMessage.client_id.is_not(None))
        .order_by(InboxMessage.id).limit(1))


def file_message(message: InboxMessage) -> None:
    """Put ``message`` on the timeline of the lead or client it belongs to, if any."""
    if message.activity_id is not None:
        return
    lead = thread_lead(message)
    if lead is not None:
        file_on_lead(message, lead)
        return
    client_id = thread_client_id(message) or known_client_id(message.from_email)
    if client_id is not None:
        file_on_client(message, client_id)


def file_on_lead(message: InboxMessage, lead: Lead) -> None:
    """File ``message`` with ``lead``: on its timeline, or on its client's once converted."""
    message.lead_id = lead.id
    if lead.converted_at is not None and lead.client_id is not None:
        file_on_client(message, lead.client_id)
    elif message.activity_id is None:
        message.activity_id = _log(message, "leads.lead", lead.id, lead.owner_id)


def file_on_client(message: InboxMessage, client_id: int) -> None:
    client = session().get(Client, client_id)
    if client is None:
        return
    message.client_id = client.id
    if message.activity_id is None:
        message.activity_id = _log(message, "parties.client", client.id, client.owner_id)


def _log(message: InboxMessage, kind: str, record_id: int, owner_id: int | None) -> int:
    """A done ``email`` activity on the record, its id returned."""
    activity = Activity(
        type="email", status="done", subject=(message.subject or message.from_email)[:200],
        starts_at=message.sent_at or message.received_at, completed_at=utcnow(),
        description=message.text[:MAX_DESCRIPTION] or None, record_kind=kind,
        record_id=record_id, owner_id=owner_id,
        participants=[Participant(name=(message.from_name or message.from_email)[:200],
                                  email=message.from_email)])
    session().add(activity)
    session().flush()
    return activity.id
