"""Who an offer is for, as documents and e-mails print it: the client, else the lead.

A lead is read through the document-content protocol (``offers`` does not import
``leads``); its reference stands for the name when the lead has no client yet.
"""

from __future__ import annotations

from typing import Any

from core.conversions import read_content
from core.db import session
from core.errors import KontoraError
from core.kernel import kontora

EMPTY: dict[str, Any] = {"name": "", "tax_id": "", "vat_number": "", "trade_register_no": "",
                         "address": "", "email": "", "requisites": "", "requisite_lines": [],
                         "contact": ""}


def recipient_of(offer: Any) -> dict[str, Any]:
    if offer.party_id is not None:
        from plugins.parties.models import Client
        from plugins.parties.requisites import contact_name

        client = session().get(Client, offer.party_id)
        if client is not None:
            return {**_client_values(client), "contact": contact_name(offer.contact_id)}
    if offer.lead_id is not None:
        return {**EMPTY, "name": lead_reference(offer.lead_id),
                "email": offer.recipient_email or ""}
    return dict(EMPTY)


def lead_reference(lead_id: int) -> str:
    if "leads.lead" not in kontora().kinds:
        return ""
    try:
        return read_content("leads.lead", lead_id)["reference"]
    except KontoraError:
        return ""


def _client_values(client: Any) -> dict[str, Any]:
    """The client's requisites laid out by its kind and named as its country names them."""
    from plugins.parties.requisites import postal_address, requisite_lines

    lines = requisite_lines(client)
    return {"name": client.name, "tax_id": client.tax_id or "",
            "vat_number": client.vat_number or "",
            "trade_register_no": client.trade_register_no or "",
            "address": postal_address(client), "email": client.email or "",
            "requisites": ", ".join([client.name, *lines]), "requisite_lines": lines}
