"""Generic list and detail pages of shipments, and what the detail page adds: lines,
packages, the papers and the workflow buttons the user may press.

The generic "new", "edit" and "delete" pages would skip this plugin's rules, so those
addresses lead to its own forms (a shipment is cancelled, never deleted).
"""

from __future__ import annotations

from typing import Any

from flask import redirect, request, url_for

from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.web.generic import Column, Filter, register_crud
from plugins.shipping.services.transitions import PAPERS
from plugins.shipping.views import bp
from plugins.shipping.workflow import EDITABLE, available, status_choices, status_label

register_crud(
    bp, kind="shipping.shipment", name="shipment", path="/",
    columns=[Column("number", _l("Number"), format=lambda r: r.title),
             Column("status", _l("Status"), sortable=False,
                    format=lambda r: status_label(r.status)),
             Column("party_id", _l("Client"), sortable=False, format=lambda r: r.party.name),
             Column("carrier_id", _l("Carrier"), sortable=False,
                    format=lambda r: r.carrier.name if r.carrier else _l("Own transport")),
             Column("planned_dispatch", _l("Planned dispatch")),
             Column("dispatched_on", _l("Dispatched")),
             Column("created_at", _l("Created"))],
    filters=[Filter("status", _l("Status"), type="select", choices=status_choices),
             Filter("planned_dispatch", _l("Dispatch from"), type="date", lookup="gte"),
             Filter("planned_dispatch", _l("Dispatch until"), type="date", lookup="lte")],
    default_sort="-created_at",
)

OWN_FORMS = {
    "shipping.shipment_new": "shipping.create",
    "shipping.shipment_edit": "shipping.change",
    "shipping.shipment_delete": "shipping.shipment_detail",
}


@bp.before_request
def _use_own_forms():
    target = OWN_FORMS.get(request.endpoint or "")
    if target is not None:
        return redirect(url_for(target, **(request.view_args or {}), **request.args))
    return None


@bp.app_template_global("shipping_detail")
def detail(shipment: Any) -> dict[str, Any]:
    """What the shipment page shows beyond the generic fields, for the present user."""
    principal = current_principal()
    return {
        "status_label": status_label(shipment.status),
        "moves": [t for t in available(shipment.status)
                  if principal is not None and principal.has(t.permission)],
        "editable": shipment.status in EDITABLE and principal is not None and
        principal.has("shipping.write"),
        "papers": list(PAPERS),
    }
