"""Contact persons: adding them to clients (new or already known), changing, unlinking."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import session
from core.errors import Conflict
from core.i18n import gettext as _
from core.permissions import require, scope
from core.services import locked
from plugins.parties.exceptions import ContactNotFound, InvalidClientData
from plugins.parties.models import ClientContact, Contact, ContactMethod
from plugins.parties.schemas import (
    ClientContactSchema,
    ContactLinkChangeSchema,
    ContactSchema,
)
from plugins.parties.services.common import act_as, announce, load_client, validate


def load_contact(principal: Any, contact_id: int, action: str = "read") -> Contact:
    """The contact, if ``principal`` may ``action`` it (record rules apply to contacts too)."""
    require(principal, f"parties.{action}")
    stmt = scope(select(Contact).where(Contact.id == contact_id), Contact, principal, action)
    contact = session().scalar(stmt)
    if contact is None:
        raise ContactNotFound(contact_id)
    return contact


def add_contact(principal: Any, client_id: int, data: dict[str, Any]) -> ClientContact:
    """Link a person to a client in a role: ``{"contact_id"}`` of a known person (who may
    already speak for other clients) or ``{"contact": {...}}`` for a new one."""
    client = load_client(principal, client_id, "write")
    act_as(principal)
    values = validate(ClientContactSchema(), data)
    if values.get("contact_id"):
        contact = load_contact(principal, values["contact_id"], "read")
        if any(link.contact_id == contact.id for link in client.contact_links):
            raise InvalidClientData({"contact_id": [
                _("This person is already a contact of this client.")]})
    else:
        contact = _new_contact(principal, values["contact"])
    if values["is_primary"]:
        for link in client.contact_links:
            link.is_primary = False
    link = ClientContact(client=client, contact=contact, role=values.get("role"),
                         is_primary=values["is_primary"] or not client.contact_links)
    session().add(link)
    session().flush()
    announce("parties.contact-added", contact.id, client_id=client.id,
             principal_id=principal.user_id, role=link.role)
    return link


def update_contact(principal: Any, contact_id: int, data: dict[str, Any], *,
                   expected_version: int | None = None) -> Contact:
    """Change a person's details; ``methods``, when given, replaces every e-mail and phone."""
    contact = load_contact(principal, contact_id, "write")
    if expected_version is not None and contact.version != expected_version:

        raise Conflict(_("Someone else changed this contact meanwhile; reload and retry."))
    act_as(principal)
    values = validate(ContactSchema(), data, partial=True)
    changed = []
    for key, value in values.items():
        if key == "methods":
            contact.methods = [ContactMethod(**m) for m in value]
            changed.append(key)
        elif key != "owner_id" and getattr(contact, key) != value:
            setattr(contact, key, value)
            changed.append(key)
    if changed:
        contact.updated_by_id = principal.user_id
        session().flush()
        announce("parties.contact-updated", contact.id, principal_id=principal.user_id,
                 changed=changed)
    return contact


def unlink_contact(principal: Any, client_id: int, contact_id: int) -> None:
    """The person no longer speaks for the client; the person stays for other clients."""
    client = load_client(principal, client_id, "write")
    act_as(principal)
    link = next((lk for lk in client.contact_links if lk.contact_id == contact_id), None)
    if link is None:
        raise ContactNotFound(contact_id)
    contact = link.contact
    session().delete(link)
    session().flush()
    session().expire(client, ["contact_links"])
    session().expire(contact, ["client_links"])


def set_contact_role(principal: Any, client_id: int, contact_id: int, *, role: str | None,
                     is_primary: bool) -> ClientContact:
    """Change the role a person has for a client, and whether they are its first contact."""
    client = load_client(principal, client_id, "write")
    act_as(principal)
    link = next((lk for lk in client.contact_links if lk.contact_id == contact_id), None)
    if link is None:
        raise ContactNotFound(contact_id)
    role = (role or "").strip() or None
    if role is not None and len(role) > 120:
        raise InvalidClientData({"role": [_("At most 120 characters.")]})
    if is_primary:
        for other in client.contact_links:
            other.is_primary = other is link
    link.role = role
    session().flush()
    return link


def change_client_contact(principal: Any, client_id: int, contact_id: int,
                          data: dict[str, Any]) -> ClientContact:
    """Change what is given of a client's contact person: ``role`` and ``is_primary`` of the
    link, ``contact`` (the person's own fields, partly). What is not given stays."""
    client = locked(load_client(principal, client_id, "write"))
    link = next((lk for lk in client.contact_links if lk.contact_id == contact_id), None)
    if link is None:
        raise ContactNotFound(contact_id)
    values = validate(ContactLinkChangeSchema(), data)
    if values.get("contact") is not None:
        try:
            update_contact(principal, contact_id, values["contact"])
        except InvalidClientData as exc:  # name the fields where the caller sent them
            raise InvalidClientData({f"contact.{key}": messages
                                     for key, messages in (exc.fields or {}).items()}) from None
    return set_contact_role(principal, client_id, contact_id,
                            role=values.get("role", link.role),
                            is_primary=values.get("is_primary", link.is_primary))


def _new_contact(principal: Any, data: dict[str, Any]) -> Contact:
    methods = data.pop("methods", [])
    data.pop("owner_id", None)
    contact = Contact(**data, owner_id=principal.user_id, created_by_id=principal.user_id,
                      updated_by_id=principal.user_id)
    contact.methods = [ContactMethod(**m) for m in methods]
    session().add(contact)
    return contact
