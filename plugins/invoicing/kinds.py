"""The record and document kinds ``invoicing`` owns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.i18n import lazy_gettext as _l
from core.kinds import RecordKind
from plugins.invoicing.models import Invoice, Proforma
from plugins.invoicing.schemas import InvoiceSchema

LISTING = {"filters": ["status", "party_id", "owner_id", "currency", "number", "doc_type",
                       "issue_date", "due_date", "total_gross", "created_at"],
           "sort": ["created_at", "issue_date", "due_date", "total_gross", "number", "id"],
           "default_sort": "-created_at"}


def record_kinds() -> list[RecordKind]:
    return [
        RecordKind(kind="invoicing.invoice", model=Invoice, label=_l("Invoice"),
                   label_plural=_l("Invoices"), permission_prefix="invoicing",
                   endpoint="invoicing.detail", schema=InvoiceSchema, title_attr="title",
                   extra={**LISTING, "unpaid": _unpaid}),
        RecordKind(kind="invoicing.proforma", model=Proforma, label=_l("Proforma invoice"),
                   label_plural=_l("Proforma invoices"), permission_prefix="invoicing",
                   endpoint="invoicing.detail", schema=InvoiceSchema, title_attr="title",
                   extra=LISTING),
    ]


def _unpaid(model: Any) -> Any:
    """Invoices with something left to pay (``paid_amount`` follows the payments through
    ``kontora_record_paid``)."""
    return model.total_gross > model.paid_amount


def document_kinds() -> list[dict[str, Any]]:
    """Invoices and proformas as documents: one default template per language."""
    folder = str(Path(__file__).parent / "documents")
    return [{"kind": kind, "label": label, "templates_dir": folder, "file": "invoice",
             "language": _language}
            for kind, label in (("invoicing.invoice", _l("Invoice")),
                                ("invoicing.proforma", _l("Proforma invoice")))]


def _language(document: Any) -> str | None:
    """A document prints in its own language, whatever the user's."""
    return getattr(document, "language", None)
