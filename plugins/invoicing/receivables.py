"""Receivables through the kernel: each invoice's open amount (``kontora_open_amount``), the
paid sum the payments plugin reports (``kontora_record_paid``), the ways to pay on the
client link (``kontora_payment_methods``) and the client profile's "Invoices" section."""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Any

from flask import render_template
from sqlalchemy import func, select

from core.db import session
from core.errors import NotFound
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.kernel import kontora
from core.permissions import scope
from plugins.invoicing.models import BillingDocument, Invoice
from plugins.invoicing.workflow import DOC_TYPE_LABELS, STATUS_LABELS

SECTION_ROWS = 50
"""Invoices listed on the client profile (newest first); the balance counts every one."""
CENT = Decimal("0.01")


def open_amount(kind: str, record_id: int) -> dict[str, Any] | None:
    if kind != "invoicing.invoice":
        return None
    doc = session().get(BillingDocument, record_id)
    if doc is None or doc.doc_type == "proforma" or doc.status != "issued":
        return None
    return {
        "currency": doc.currency,
        "total": doc.total_gross,
        "paid": doc.paid_amount,
        "open": doc.open_amount,
        "due_date": doc.due_date,
    }


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


def balance(stmt: Any) -> dict[str, Decimal]:
    """Open amount per currency of every issued invoice and credit note ``stmt`` selects
    (summed in the database: the section lists only the newest, the balance counts all)."""
    rows = session().execute(
        select(Invoice.currency, func.sum(Invoice.total_gross - Invoice.paid_amount))
        .where(
            Invoice.id.in_(stmt.with_only_columns(Invoice.id).order_by(None)),
            Invoice.status == "issued",
        )
        .group_by(Invoice.currency)
        .order_by(Invoice.currency)
    )
    return {currency: Decimal(total).quantize(CENT) for currency, total in rows}


def profile_sections(party_id: int) -> list[dict[str, Any]]:
    principal = current_principal()
    if principal is None or not principal.has("invoicing.read"):
        return []
    return [
        {
            "key": "invoicing.invoices",
            "title": _l("Invoices"),
            "order": 50,
            "render": partial(_invoices, principal, party_id),
        }
    ]


def _invoices(principal: Any, party_id: int) -> str:
    """The client's newest invoices and credit notes, and the balance of all of them."""
    visible = scope(
        select(Invoice).where(Invoice.party_id == party_id), Invoice, principal, prefix="invoicing"
    )
    invoices = (
        session()
        .scalars(visible.order_by(Invoice.created_at.desc(), Invoice.id.desc()).limit(SECTION_ROWS))
        .all()
    )
    return render_template(
        "invoicing/_client_section.html",
        invoices=invoices,
        balance=balance(visible),
        labels=STATUS_LABELS,
        kinds=DOC_TYPE_LABELS,
        more=len(invoices) == SECTION_ROWS,
    )
