"""Mail from a known contact goes on that client's timeline by itself.

A sender is known when the address is a contact's e-mail (``parties`` contact methods)
or a client's own e-mail. The message becomes a logged ``email`` activity on the client
(``activities``), owned by the client's owner so the same record rules show it; the
message keeps the activity's id, and since both are written in the message's own
transaction a second reading of the mailbox can never add it twice. Nobody acts here but
the mailbox job, so the activity is written directly, not through a staff service.
"""

from __future__ import annotations

from sqlalchemy import select

from core.db import session, utcnow
from plugins.activities.models import Activity, Participant
from plugins.leads.mailbox.models import InboxMessage
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


def file_on_client_timeline(message: InboxMessage) -> None:
    """Log ``message`` as an e-mail activity of the client its sender belongs to, if any."""
    if message.activity_id is not None:
        return
    client_id = known_client_id(message.from_email)
    if client_id is None:
        return
    client = session().get(Client, client_id)
    if client is None:
        return
    activity = Activity(
        type="email", status="done", subject=(message.subject or message.from_email)[:200],
        starts_at=message.sent_at or message.received_at, completed_at=utcnow(),
        description=message.text[:MAX_DESCRIPTION] or None, record_kind="parties.client",
        record_id=client.id, owner_id=client.owner_id,
        participants=[Participant(name=(message.from_name or message.from_email)[:200],
                                  email=message.from_email)])
    session().add(activity)
    session().flush()
    message.client_id, message.activity_id = client.id, activity.id
