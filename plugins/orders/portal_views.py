"""The orders section of the client portal (``/portal/orders``): the client's orders, each
with its lines, totals and status history. Every page goes through ``services.portal``,
which scopes it to the portal user's current client.

Shown only when the portal plugin is enabled: it asks for the section through
``kontora_portal_sections`` and provides the ``portal/layout.html`` these pages extend.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template

from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.identity.guards import portal_pages_only
from plugins.orders.services.portal import client_order, client_orders, status_history
from plugins.orders.workflow import current_workflow

bp = Blueprint("orders_portal", __name__, url_prefix="/portal/orders",
               template_folder="templates")
bp.before_request(portal_pages_only)




def portal_sections() -> list[dict[str, Any]]:
    return [{"key": "orders", "title": _l("Orders"), "endpoint": "orders_portal.index",
             "order": 20}]


@bp.get("/")
def index() -> str:
    return render_template("orders/portal/list.html", orders=client_orders(current_principal()),
                           workflow=current_workflow())


@bp.get("/<int:order_id>")
def detail(order_id: int) -> str:
    order = client_order(current_principal(), order_id)
    return render_template("orders/portal/detail.html", order=order,
                           history=status_history(order), workflow=current_workflow())
