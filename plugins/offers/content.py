"""This plugin's answer to the kernel's document-content protocol, and its use as a target.

``offer_content`` describes an offer neutrally so orders, contracts and invoicing convert
from it without importing ``offers``; ``offer_from_content`` makes a draft offer from any
document's description (a lead's cost calculator, through the conversion lead -> offer).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from core.conversions import read_content
from core.db import session
from core.errors import NotFound
from core.i18n import gettext as _
from core.kernel import kontora
from plugins.offers.exceptions import NotConvertible
from plugins.offers.models import Offer


def offer_content(record_id: int) -> dict[str, Any] | None:
    """The offer as ``DocumentContent``; a free-text offer (Template I) refuses to convert."""
    offer = session().get(Offer, record_id)
    if offer is None:
        return None
    if not offer.convertible:
        raise NotConvertible()
    return {
        "kind": "offers.offer", "record_id": offer.id,
        "party_id": offer.party_id if offer.party_id is not None else lead_client(offer),
        "contact_id": offer.contact_id,
        "currency": offer.currency, "reference": offer.reference,
        "lines": [{"product_id": line.product_id, "description": line.description,
                   "quantity": line.quantity, "unit": line.unit,
                   "unit_price": line.unit_price, "discount": line.discount,
                   "vat_rate": line.vat_rate, "net": line.net} for line in offer.lines],
        "totals": {"net": offer.total_net, "vat": offer.total_vat, "gross": offer.total_gross},
        "notes": offer.terms or "",
        "extra": {"offers.valid_until": offer.valid_until.isoformat()
                  if offer.valid_until else None,
                  "offers.lead_id": offer.lead_id, "offers.title": offer.title,
                  "offers.number": offer.number, "offers.revision": offer.revision,
                  "offers.status": offer.status,
                  "offers.services": [line.product_id for line in offer.lines
                                      if line.is_service and line.product_id]},
    }


def lead_client(offer: Offer) -> int | None:
    """The client the offer's lead became, read through the lead's own content: an offer
    accepted for a lead is converted (into an order) right after the lead became a client,
    before ``leads.lead-converted`` has given the offer that client."""

    if offer.lead_id is None or "leads.lead" not in kontora().kinds:
        return None
    try:
        return read_content("leads.lead", offer.lead_id)["party_id"]
    except NotFound:  # the lead was deleted
        return None


def offer_from_content(principal: Any, content: dict[str, Any]) -> Offer:
    """A draft offer with the lines, client and currency of another document."""
    from plugins.offers.services import create_offer

    extra = content.get("extra") or {}
    data: dict[str, Any] = {
        "title": _("Offer for %(reference)s", reference=content["reference"])[:200],
        "currency": content["currency"], "party_id": content.get("party_id"),
        "intro": content.get("notes") or None,
        "lines": [_line(line) for line in content["lines"]],
    }
    if content["kind"] == "leads.lead":
        data["lead_id"] = content["record_id"]
    email = extra.get("leads.email")
    if isinstance(email, str) and email:
        data["recipient_email"] = email
    return create_offer(principal, data)


def _line(line: dict[str, Any]) -> dict[str, Any]:
    return {"product_id": line.get("product_id"), "description": line["description"],
            "quantity": str(line["quantity"]), "unit": line.get("unit"),
            "unit_price": str(line["unit_price"]),
            "discount": str(line.get("discount") or Decimal(0)),
            "vat_rate": str(line["vat_rate"])}
