"""The "Shipments" section of the client page and tab of the order page, one query each."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import render_template
from sqlalchemy import select

from core.db import session
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.permissions import scope
from plugins.shipping.models import Shipment
from plugins.shipping.workflow import STATUS_LABELS


def profile_sections(party_id: int) -> list[dict[str, Any]]:
    principal = current_principal()
    if principal is None or not principal.has("shipping.read"):
        return []
    return [{"key": "shipping.shipments", "title": _l("Shipments"), "order": 55,
             "render": partial(_render, principal, Shipment.party_id == party_id)}]


def order_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    principal = current_principal()
    if kind != "orders.order" or principal is None or not principal.has("shipping.read"):
        return []
    return [{"key": "shipments", "title": _l("Shipments"), "order": 20,
             "render": partial(_render, principal, Shipment.order_id == record_id,
                               order_id=record_id)}]


def _render(principal: Any, where: Any, order_id: int | None = None) -> str:
    shipments = session().scalars(scope(
        select(Shipment).where(where).order_by(Shipment.created_at.desc(), Shipment.id.desc())
        .limit(50), Shipment, principal, prefix="shipping")).all()
    return render_template("shipping/_shipments.html", shipments=shipments, labels=STATUS_LABELS,
                           order_id=order_id,
                           can_write=principal.has("shipping.write"))
