"""Generic list, export and detail pages of orders (``register_crud``), and what the
detail page adds: lines, totals per VAT rate and the workflow buttons the user may press.

The generic "new", "edit" and "delete" pages would write through the generic record
services and skip this plugin's rules, so those addresses lead to the plugin's forms.
"""

from __future__ import annotations

from typing import Any

from flask import g, redirect, request, url_for

from core.db import session
from core.documents.totals import totals_of
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.web.generic import Column, Filter, register_crud
from plugins.orders.views import bp


def _status(record: Any) -> str:
    """The status label; the workflow is read once per request, not once per row."""
    from plugins.orders.workflow import current_workflow

    if "orders_workflow" not in g:
        g.orders_workflow = current_workflow()
    return g.orders_workflow.label(record.status)


def _status_choices() -> list[tuple[str, str]]:
    from plugins.orders.workflow import current_workflow

    return current_workflow().choices()


register_crud(
    bp, kind="orders.order", name="order", path="/",
    columns=[Column("number", _l("Number"), format=lambda r: r.title),
             Column("status", _l("Status"), sortable=False, format=_status),
             Column("party_id", _l("Client"), sortable=False, format=lambda r: r.party.name),
             Column("delivery_date", _l("Delivery")),
             Column("total_gross", _l("Total"), format="money:currency"),
             Column("owner_id", _l("Owner"), sortable=False,
                    format=lambda r: r.owner.name if r.owner else "—"),
             Column("created_at", _l("Created"))],
    filters=[Filter("status", _l("Status"), type="select", choices=_status_choices),
             Filter("delivery_date", _l("Delivery from"), type="date", lookup="gte"),
             Filter("delivery_date", _l("Delivery until"), type="date", lookup="lte")],
    default_sort="-created_at",
)

OWN_FORMS = {
    "orders.order_new": "orders.create",
    "orders.order_edit": "orders.change",
    "orders.order_delete": "orders.remove",
}


@bp.before_request
def _use_own_forms():
    target = OWN_FORMS.get(request.endpoint or "")
    if target is not None:
        return redirect(url_for(target, **(request.view_args or {})))
    return None


@bp.app_template_global("orders_detail")
def detail(order: Any) -> dict[str, Any]:
    """What the order page shows beyond the generic fields, for the present user."""
    from sqlalchemy import select

    from plugins.catalog.models import Product
    from plugins.orders.workflow import EDITABLE, current_workflow

    principal = current_principal()
    workflow = current_workflow()
    editable = order.status in EDITABLE and principal is not None and \
        principal.has("orders.write")
    products = list(session().scalars(
        select(Product).where(Product.active.is_(True)).order_by(Product.code).limit(500))) \
        if editable and principal.has("catalog.read") else []
    return {
        "status_label": workflow.label(order.status),
        "moves": [t for t in workflow.available(order.status)
                  if principal is not None and principal.has(t.permission)],
        "totals": totals_of(order.lines),
        "editable": editable,
        "products": products,
        "can_write": principal is not None and principal.has("orders.write"),
    }
