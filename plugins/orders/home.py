"""The "Orders" card of the home page: orders still to be confirmed."""

from __future__ import annotations

from typing import Any

from flask import url_for
from sqlalchemy import func, select

from core.db import session
from core.i18n import gettext as _
from core.permissions import scope
from plugins.orders.models import Order


def orders_card(principal: Any) -> list[dict[str, Any]]:
    """One grouped query: drafts to send or confirm, and orders awaiting the client."""
    if not principal.has("orders.read"):
        return []
    counts = dict(session().execute(scope(
        select(Order.status, func.count(Order.id)).where(Order.status.in_(("draft", "sent")))
        .group_by(Order.status), Order, principal)).all())
    return [{"key": "orders.to-confirm", "title": _("Orders to confirm"), "order": 40,
             "icon": "bag-check", "figures": [
                 {"label": _("Drafts"), "value": counts.get("draft", 0),
                  "url": url_for("orders.order_list", status="draft")},
                 {"label": _("Awaiting the client's confirmation"), "value": counts.get("sent", 0),
                  "url": url_for("orders.order_list", status="sent")}]}]
