"""Generic list and detail pages of payments; entering a payment goes to its own form."""

from __future__ import annotations

from typing import Any

from flask import redirect, request, url_for

from core.db import session
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.kernel import kontora
from core.web.generic import Column, Filter, register_crud
from plugins.payments.services import open_documents
from plugins.payments.status import METHOD_LABELS
from plugins.payments.views import bp

register_crud(
    bp, kind="payments.payment", name="payment", path="/",
    columns=[Column("paid_on", _l("Date")),
             Column("party_id", _l("Client"), sortable=False, format=lambda r: r.party.name),
             Column("method", _l("Method"), sortable=False,
                    format=lambda r: METHOD_LABELS.get(r.method, r.method)),
             Column("amount", _l("Amount"), format=lambda r: f"{r.amount} {r.currency}"),
             Column("reference", _l("Reference")),
             Column("receipt_number", _l("Receipt"))],
    filters=[Filter("method", _l("Method"), type="select",
                    choices=lambda: [(k, str(v)) for k, v in METHOD_LABELS.items()])],
    default_sort="-paid_on",
)

OWN_FORMS = {"payments.payment_new": "payments.create",
             "payments.payment_edit": "payments.payment_detail",
             "payments.payment_delete": "payments.payment_detail"}


@bp.before_request
def _use_own_forms():
    """A payment is entered through its own form and never edited or deleted by hand."""
    target = OWN_FORMS.get(request.endpoint or "")
    if target is not None:
        return redirect(url_for(target, **(request.view_args or {}), **request.args))
    return None


@bp.app_template_global("payment_detail")
def detail(payment: Any) -> dict[str, Any]:
    """What the payment page shows beyond the generic fields."""
    principal = current_principal()
    writable = principal is not None and principal.has("payments.write")
    return {"method": METHOD_LABELS.get(payment.method, payment.method),
            "open": [(r, i) for r, i in open_documents(principal, payment.party_id)
                     if i["currency"] == payment.currency]
            if writable and payment.unallocated > 0 else [],
            "titles": _titles(payment)}


def _titles(payment: Any) -> dict[int, tuple[str, str | None]]:
    out = {}
    for allocation in payment.allocations:
        rk = kontora().kinds.get(allocation.record_kind)
        record = session().get(rk.model, allocation.record_id) if rk is not None else None
        out[allocation.id] = (rk.title_of(record) if record is not None
                              else f"#{allocation.record_id}",
                              url_for(rk.endpoint, id=allocation.record_id)
                              if rk is not None and rk.endpoint else None)
    return out
