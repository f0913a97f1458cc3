"""A client's contact persons as a vCard file: what the client page downloads and the API
answers, read under the client's record rule (a hidden client is "not found")."""

from __future__ import annotations

from typing import Any

from plugins.parties import vcard
from plugins.parties.exceptions import ContactNotFound
from plugins.parties.services import get_client


def client_cards(principal: Any, client_id: int, contact_id: int | None = None) -> str:
    """The client's contact persons (or only ``contact_id``) as one ``text/vcard``
    document, each with their role and the client as organisation."""
    client = get_client(principal, client_id)
    links = [link for link in client.contact_links
             if contact_id is None or link.contact_id == contact_id]
    if contact_id is not None and not links:
        raise ContactNotFound(contact_id)
    return vcard.write(vcard.card_of(link.contact, link.role, client.name) for link in links)
