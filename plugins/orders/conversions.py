"""Conversions this plugin declares: offer -> order.

The offer is read only through the document-content protocol (``"offers.offer"`` is a
name here, never an import), so the offers plugin and this one stay independent, and the
action simply disappears when no enabled plugin provides offers.
"""

from __future__ import annotations

from typing import Any

from core.conversions import Conversion, DocumentContent
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l

OFFER = "offers.offer"
ORDER = "orders.order"
PERMISSION = "orders.convert"


def order_from(principal: Any, content: DocumentContent) -> Any:
    """A draft order with the source's client and contact person, currency, lines,
    reference and notes."""
    from plugins.orders.exceptions import InvalidOrderData
    from plugins.orders.services import create_order

    if content["party_id"] is None:
        raise InvalidOrderData({"party_id": [
            _("%(reference)s has no client yet.", reference=content["reference"])]})
    lines = []
    for line in content["lines"]:
        copied = {key: line[key] for key in ("product_id", "quantity", "unit", "unit_price",
                                             "discount", "vat_rate")}
        if line["description"] or not line["product_id"]:
            copied["description"] = line["description"][:500]
        lines.append(copied)
    return create_order(principal, {
        "party_id": content["party_id"], "contact_id": content.get("contact_id"),
        "currency": content["currency"],
        "reference": (content["reference"] or "")[:200] or None,
        "notes": content.get("notes") or None, "lines": lines})


CONVERSIONS = [Conversion(OFFER, ORDER, _l("Create order"), PERMISSION, order_from)]
