"""Invoices and proformas as the kernel's document-content protocol describes them: the
proforma -> invoice conversion reads proformas this way, like any partner's document."""

from __future__ import annotations

from typing import Any

from core.db import session
from plugins.invoicing.models import BillingDocument
from plugins.invoicing.services.common import INVOICE, PROFORMA


def document_content(kind: str, record_id: int) -> dict[str, Any] | None:
    if kind not in (INVOICE, PROFORMA):
        return None
    doc = session().get(BillingDocument, record_id)
    if doc is None or (doc.doc_type == "proforma") != (kind == PROFORMA):
        return None
    return {
        "kind": kind, "record_id": doc.id, "party_id": doc.party_id,
        "currency": doc.currency, "reference": doc.title,
        "lines": [{"product_id": line.product_id, "description": line.description,
                   "quantity": line.quantity, "unit": line.unit,
                   "unit_price": line.unit_price, "discount": line.discount,
                   "vat_rate": line.vat_rate, "net": line.net} for line in doc.lines],
        "totals": {"net": doc.total_net, "vat": doc.total_vat, "gross": doc.total_gross},
        "notes": doc.notes or "",
        "extra": {"invoicing.status": doc.status, "invoicing.doc_type": doc.doc_type,
                  "invoicing.language": doc.language,
                  "invoicing.payment_terms_days": doc.payment_terms_days,
                  "invoicing.vat_categories": [[line.vat_category, line.exemption_reason]
                                               for line in doc.lines]},
    }
