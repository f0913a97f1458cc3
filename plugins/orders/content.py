"""The order as the kernel's document-content protocol describes it, for conversions from
orders (order -> contract, order -> invoice, declared by those plugins)."""

from __future__ import annotations

from typing import Any

from core.db import session
from core.documents.totals import totals_of
from plugins.orders.models import Order


def order_content(record_id: int) -> dict[str, Any] | None:
    order = session().get(Order, record_id)
    if order is None:
        return None
    totals = totals_of(order.lines)
    return {
        "kind": "orders.order", "record_id": order.id, "party_id": order.party_id,
        "currency": order.currency, "reference": order.title,
        "lines": [{"product_id": line.product_id, "description": line.description,
                   "quantity": line.quantity, "unit": line.unit,
                   "unit_price": line.unit_price, "discount": line.discount,
                   "vat_rate": line.vat_rate, "net": line.net} for line in order.lines],
        "totals": {"net": totals.net, "vat": totals.vat, "gross": totals.gross},
        "notes": order.notes or "",
        "extra": {"orders.status": order.status,
                  "orders.delivery_date": order.delivery_date.isoformat()
                  if order.delivery_date else None,
                  "orders.source_reference": order.reference},
    }
