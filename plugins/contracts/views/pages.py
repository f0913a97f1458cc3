"""Generic list, export and detail pages of contracts and protocols (``register_crud``),
and what the detail pages add for the present user.

The generic "new", "edit" and "delete" addresses lead to the plugin's forms, which call
its services and keep its rules.
"""

from __future__ import annotations

from typing import Any

from flask import redirect, request, url_for
from sqlalchemy import select

from core.db import session
from core.documents.totals import totals_of
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.web.generic import Column, Filter, register_crud
from plugins.contracts.models import Signature
from plugins.contracts.views import bp
from plugins.contracts.workflow import (
    EDITABLE,
    PROTOCOL_LABELS,
    available,
    status_choices,
    status_label,
)

register_crud(
    bp, kind="contracts.contract", name="contract", path="/",
    columns=[Column("number", _l("Number"), format=lambda r: r.label),
             Column("title", _l("Title"), sortable=False),
             Column("status", _l("Status"), sortable=False,
                    format=lambda r: status_label(r.status)),
             Column("party_id", _l("Client"), sortable=False, format=lambda r: r.party.name),
             Column("end_date", _l("Expires")),
             Column("value", _l("Value"), format="money:currency"),
             Column("created_at", _l("Created"))],
    filters=[Filter("status", _l("Status"), type="select", choices=status_choices),
             Filter("party_id", _l("Client"), type="record", kind="parties.client"),
             Filter("end_date", _l("Expires from"), type="date", lookup="gte"),
             Filter("end_date", _l("Expires until"), type="date", lookup="lte")],
    default_sort="-created_at",
)

register_crud(
    bp, kind="contracts.protocol", name="protocol", path="/protocols",
    columns=[Column("number", _l("Number"), format=lambda r: r.label),
             Column("status", _l("Status"), sortable=False,
                    format=lambda r: str(PROTOCOL_LABELS.get(r.status, r.status))),
             Column("party_id", _l("Client"), sortable=False, format=lambda r: r.party.name),
             Column("source_reference", _l("For"), sortable=False),
             Column("delivered_on", _l("Delivered")),
             Column("created_at", _l("Created"))],
    filters=[Filter("status", _l("Status"), type="select",
                    choices=lambda: [(k, str(v)) for k, v in PROTOCOL_LABELS.items()])],
    default_sort="-created_at",
)

OWN_FORMS = {
    "contracts.contract_new": "contracts.create",
    "contracts.contract_edit": "contracts.change",
    "contracts.contract_delete": "contracts.remove",
    "contracts.protocol_new": "contracts.protocol_create",
    "contracts.protocol_edit": "contracts.protocol_change",
    "contracts.protocol_delete": "contracts.protocol_remove",
}


@bp.before_request
def _use_own_forms():
    target = OWN_FORMS.get(request.endpoint or "")
    if target is not None:
        args = {} if target.endswith("_list") else (request.view_args or {})
        return redirect(url_for(target, **args))
    return None


def signatures_of(kind: str, record_id: int) -> list[Signature]:
    return list(session().scalars(select(Signature).where(
        Signature.record_kind == kind, Signature.record_id == record_id)
        .order_by(Signature.signed_at)))


@bp.app_template_global("contracts_detail")
def detail(record: Any, kind: str = "contracts.contract") -> dict[str, Any]:
    """What a contract or protocol page shows beyond the generic fields."""
    principal = current_principal()
    can = principal.has if principal is not None else (lambda _p: False)
    signatures = signatures_of(kind, record.id)
    company_signed = any(s.role == "company" for s in signatures)
    info: dict[str, Any] = {
        "signatures": signatures,
        "can_write": can("contracts.write"),
        "can_countersign": can("contracts.countersign") and not company_signed and
        record.status in ("signed", "active"),
    }
    if kind == "contracts.contract":
        info.update(status_label=status_label(record.status),
                    moves=[t for t in available(record.status) if can(t.permission)],
                    totals=totals_of(record.lines), editable=record.status in EDITABLE)
    else:
        info.update(status_label=str(PROTOCOL_LABELS.get(record.status, record.status)),
                    can_send=record.status == "draft" and can("contracts.send"),
                    editable=record.status == "draft")
    return info
