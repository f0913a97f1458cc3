"""Receivables through the kernel: each invoice's open amount (``kontora_open_amount``), the
paid sum the payments plugin reports (``kontora_record_paid``), the ways to pay on the
client link (``kontora_payment_methods``) and the client profile's "Invoices" section."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from functools import partial
from typing import Any

from flask import render_template
from sqlalchemy import select

from core.db import session
from core.errors import NotFound
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.kernel import kontora
from core.permissions import scope
from plugins.invoicing.models import BillingDocument, Invoice
from plugins.invoicing.workflow import DOC_TYPE_LABELS, STATUS_LABELS


def open_amount(kind: str, record_id: int) -> dict[str, Any] | None:
    if kind != "invoicing.invoice":
        return None
    doc = session().get(BillingDocument, record_id)
    if doc is None or doc.doc_type == "proforma" or doc.status != "issued":
        return None
    return {"currency": doc.currency, "total": doc.total_gross, "paid": doc.paid_amount,
            "open": doc.open_amount, "due_date": doc.due_date}


def record_paid(kind: str, record_id: int, paid: Decimal) -> bool | None:
    """Keep ``paid_amount`` (bookkeeping, allowed to move after issue) at what was paid."""
    if kind != "invoicing.invoice":
        return None
    doc = session().get(BillingDocument, record_id)
    if doc is None or doc.doc_type == "proforma" or doc.status != "issued":
        return None
    doc.paid_amount = paid
    return True


def payment_methods(doc: BillingDocument) -> list[dict[str, Any]]:
    """The online ways to pay ``doc``, while something is open on it."""
    if doc.doc_type == "proforma" or doc.status != "issued" or doc.open_amount <= 0:
        return []
    return kontora().collect("kontora_payment_methods")


def start_payment(doc: BillingDocument, code: str) -> str:
    """Start paying ``doc`` by the method ``code``: the address where the client pays
    (for the client link and the portal alike)."""
    method = next((m for m in payment_methods(doc) if m["code"] == code), None)
    if method is None:
        raise NotFound(_("This payment method is not available."))
    return method["start"]("invoicing.invoice", doc.id)


def balance(invoices: list[Any]) -> dict[str, Decimal]:
    """Open amount per currency of the issued invoices and credit notes."""
    sums: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for doc in invoices:
        if doc.status == "issued":
            sums[doc.currency] += doc.open_amount
    return dict(sums)


def profile_sections(party_id: int) -> list[dict[str, Any]]:
    principal = current_principal()
    if principal is None or not principal.has("invoicing.read"):
        return []
    return [{"key": "invoicing.invoices", "title": _l("Invoices"), "order": 50,
             "render": partial(_invoices, principal, party_id)}]


def _invoices(principal: Any, party_id: int) -> str:
    invoices = session().scalars(scope(
        select(Invoice).where(Invoice.party_id == party_id)
        .order_by(Invoice.created_at.desc(), Invoice.id.desc()).limit(50),
        Invoice, principal, prefix="invoicing")).all()
    return render_template("invoicing/_client_section.html", invoices=invoices,
                           balance=balance(list(invoices)), labels=STATUS_LABELS,
                           kinds=DOC_TYPE_LABELS)
