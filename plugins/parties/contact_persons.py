"""A client's contact persons as other plugins use them: the check that a person is one of
the client's contacts, their e-mail, and the contact picker's filter by client."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import session
from plugins.parties.models import ClientContact, Contact, ContactMethod


def of_client(client_id: Any) -> Any:
    """The condition "a contact of client ``client_id``" (the pickers' ``client_id`` filter)."""
    return Contact.id.in_(select(ClientContact.contact_id)
                          .where(ClientContact.client_id == int(client_id)))


def is_contact_of(client_id: int | None, contact_id: int) -> bool:
    if client_id is None:
        return False
    return session().scalar(select(ClientContact.contact_id).where(
        ClientContact.client_id == client_id, ClientContact.contact_id == contact_id)) \
        is not None


def contact_email(contact_id: int | None) -> str | None:
    """The person's e-mail (the first one given), for the mail that names them."""
    if contact_id is None:
        return None
    return session().scalar(select(ContactMethod.value).where(
        ContactMethod.contact_id == contact_id, ContactMethod.channel == "email")
        .order_by(ContactMethod.id).limit(1))


def contact_name(contact_id: int | None) -> str:
    if contact_id is None:
        return ""
    person = session().get(Contact, contact_id)
    return person.name if person is not None else ""
