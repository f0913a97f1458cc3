"""The record and document kinds ``orders`` owns, with what lists filter, search and sort by."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.i18n import lazy_gettext as _l
from core.kinds import RecordKind
from plugins.orders.models import Order
from plugins.orders.schemas import OrderSchema


def record_kinds() -> list[RecordKind]:
    return [RecordKind(
        kind="orders.order", model=Order, label=_l("Order"), label_plural=_l("Orders"),
        permission_prefix="orders", endpoint="orders.order_detail", schema=OrderSchema,
        title_attr="title",
        extra={"filters": ["status", "party_id", "owner_id", "currency", "number",
                           "delivery_date", "total_gross", "created_at"],
               "sort": ["created_at", "delivery_date", "total_gross", "number", "id"],
               "default_sort": "-created_at", "settled": ("delivered", "cancelled")},
    )]


def document_kinds() -> list[dict[str, Any]]:
    """The order as a document: one default template per language under ``documents/``."""
    return [{"kind": "orders.order", "label": _l("Order"),
             "templates_dir": str(Path(__file__).parent / "documents")}]
