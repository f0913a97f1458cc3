"""Conversions this plugin declares: offer, order and contract -> invoice or proforma, and
proforma -> invoice.

Sources are read only through the document-content protocol (``"offers.offer"`` and the
others are names here, never imports), so any source plugin may be disabled and its
actions simply do not appear. A contract may be invoiced again and again (monthly); the
others once.
"""

from __future__ import annotations

from typing import Any

from core.conversions import Conversion, DocumentContent
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.services import lock_record
from plugins.invoicing.exceptions import InvalidInvoiceData, TransitionRefused
from plugins.invoicing.models import BillingDocument
from plugins.invoicing.services import create_invoice
from plugins.invoicing.workflow import status_label

INVOICE = "invoicing.invoice"
PROFORMA = "invoicing.proforma"
PERMISSION = "invoicing.convert"
CONTRACT = "contracts.contract"
"""A source invoiced again and again (monthly, by hand or by a billing schedule)."""
LINE_KEYS = ("product_id", "quantity", "unit", "unit_price", "discount", "vat_rate")


def _draft(principal: Any, content: DocumentContent, doc_type: str) -> Any:
    if content["party_id"] is None:
        raise InvalidInvoiceData({"party_id": [
            _("%(reference)s has no client yet.", reference=content["reference"])]})
    extra = content.get("extra") or {}
    categories = extra.get("invoicing.vat_categories") or []
    lines = []
    for number, line in enumerate(content["lines"]):
        copied: dict[str, Any] = {key: line[key] for key in LINE_KEYS}
        copied["description"] = (line["description"] or "—")[:500]
        if number < len(categories):
            copied["vat_category"], copied["exemption_reason"] = categories[number]
        lines.append(copied)
    data: dict[str, Any] = {"doc_type": doc_type, "party_id": content["party_id"],
                            "currency": content["currency"],
                            "reference": (content["reference"] or "")[:200] or None,
                            "notes": content.get("notes") or None, "lines": lines}
    if extra.get("invoicing.language"):
        data["language"] = extra["invoicing.language"]
    if extra.get("invoicing.payment_terms_days") is not None:  # a proforma's terms carry over
        data["payment_terms_days"] = extra["invoicing.payment_terms_days"]
    return create_invoice(principal, data, trusted_lines=True)


def invoice_from(principal: Any, content: DocumentContent) -> Any:
    """A draft invoice with the source's client, currency, lines and reference."""
    return _draft(principal, content, "invoice")


def proforma_from(principal: Any, content: DocumentContent) -> Any:
    return _draft(principal, content, "proforma")


def invoice_from_proforma(principal: Any, content: DocumentContent) -> Any:
    """The fiscal invoice of an issued proforma, which is then marked converted."""
    proforma = lock_record(BillingDocument, content["record_id"])
    if proforma is None or proforma.status != "issued":
        raise TransitionRefused(str(_l("Create invoice")),
                                status_label(proforma.status if proforma else "draft"))
    invoice = _draft(principal, content, "invoice")
    proforma.status = "converted"
    proforma.updated_by_id = principal.user_id
    return invoice


SOURCES = ("offers.offer", "orders.order")
CONVERSIONS = [
    *(Conversion(source, INVOICE, _l("Create invoice"), PERMISSION, invoice_from)
      for source in SOURCES),
    *(Conversion(source, PROFORMA, _l("Create proforma"), PERMISSION, proforma_from)
      for source in SOURCES),
    Conversion(CONTRACT, INVOICE, _l("Create invoice"), PERMISSION, invoice_from,
               allow_repeat=True),
    Conversion(CONTRACT, PROFORMA, _l("Create proforma"), PERMISSION,
               proforma_from, allow_repeat=True),
    Conversion(PROFORMA, INVOICE, _l("Create invoice"), PERMISSION, invoice_from_proforma),
]
