"""The shipments section of the client portal (``/portal/shipments``): the shipments of the
client's orders with their dispatch date, carrier, tracking number and link and status,
and the frozen packing list and waybill to download. Every page goes through
``services.portal``, which scopes it to the portal user's current client.

Shown only when the portal plugin is enabled: it asks for the section through
``kontora_portal_sections`` and provides the ``portal/layout.html`` these pages extend.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, render_template
from sqlalchemy import select

from core.db import session
from core.documents.files import file_bytes
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.identity.guards import portal_pages_only
from plugins.orders.models import Order
from plugins.shipping.services.portal import (
    client_paper,
    client_papers,
    client_shipment,
    client_shipments,
)
from plugins.shipping.workflow import status_label

bp = Blueprint("shipping_portal", __name__, url_prefix="/portal/shipments",
               template_folder="templates")
bp.before_request(portal_pages_only)


def portal_sections() -> list[dict[str, Any]]:
    return [{"key": "shipments", "title": _l("Shipments"), "endpoint": "shipping_portal.index",
             "order": 25}]


@bp.get("/")
def index() -> str:
    shipments = client_shipments(current_principal())
    ids = {s.order_id for s in shipments}
    orders = {row.id: row.number for row in session().execute(
        select(Order.id, Order.number).where(Order.id.in_(ids)))} if ids else {}
    return render_template("shipping/portal/list.html", shipments=shipments, orders=orders,
                           status_label=status_label)


@bp.get("/<int:shipment_id>")
def detail(shipment_id: int) -> str:
    shipment = client_shipment(current_principal(), shipment_id)
    order = session().get(Order, shipment.order_id)
    return render_template("shipping/portal/detail.html", shipment=shipment,
                           order_number=order.number if order is not None else None,
                           papers=client_papers(shipment), status_label=status_label)


@bp.get("/<int:shipment_id>/papers/<paper>")
def paper(shipment_id: int, paper: str) -> Response:
    stored = file_bytes(client_paper(current_principal(), shipment_id, paper))
    return Response(stored.content, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{paper}-{shipment_id}.pdf"',
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-cache"})
