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

EMPTY = {"name": "", "tax_id": "", "vat_number": "", "trade_register_no": "", "address": "",
         "email": "", "requisites": ""}


def recipient_of(offer: Any) -> dict[str, str]:
    if offer.party_id is not None:
        from plugins.parties.models import Client

        client = session().get(Client, offer.party_id)
        if client is not None:
            return _client_values(client)
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


def _client_values(client: Any) -> dict[str, str]:
    address = client.default_address("registered")
    where = ", ".join(p for p in (address.street, address.postal_code, address.city,
                                  address.region, address.country) if p) if address else ""
    parts = [client.name]
    for label, value in (("CUI", client.tax_id), ("VAT", client.vat_number),
                         ("Reg.", client.trade_register_no)):
        if value:
            parts.append(f"{label} {value}")
    if where:
        parts.append(where)
    return {"name": client.name, "tax_id": client.tax_id or "",
            "vat_number": client.vat_number or "",
            "trade_register_no": client.trade_register_no or "", "address": where,
            "email": client.email or "", "requisites": ", ".join(parts)}
