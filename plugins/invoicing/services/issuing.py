"""Issuing, crediting and cancelling: the state changes of invoices and proformas.

Each locks the document with :func:`core.services.lock_record` before it looks at the
status, so two clicks on "issue" give one number, and takes the number inside the issuing
transaction from the gap-free series (a rolled-back issue gives its number back).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from core.company import company_profile
from core.db import session, utcnow
from core.documents import request_pdf
from core.documents.totals import line_net
from core.errors import NotFound
from core.i18n import gettext as _
from core.numbering import next_number
from core.services import announce, lock_record, service, validate
from plugins.invoicing.exceptions import InvalidInvoiceData, TransitionRefused
from plugins.invoicing.models import BillingDocument, CreditNote, InvoiceLine
from plugins.invoicing.schemas import CreditSchema, IssueSchema
from plugins.invoicing.services.common import (
    buyer_snapshot,
    check_version,
    kind_of,
    load_document,
    refresh_totals,
    seller_snapshot,
    today,
)
from plugins.invoicing.services.rates import rate_on
from plugins.invoicing.services.transmission import queue_transmission
from plugins.invoicing.workflow import status_label


def lock(doc_id: int) -> BillingDocument:
    doc = lock_record(BillingDocument, doc_id)
    if doc is None:
        raise NotFound(_("This record was deleted meanwhile."))
    return doc


@service("invoicing.issue")
def issue_invoice(
    principal: Any, doc_id: int, data: Any = None, *, expected_version: int | None = None
) -> BillingDocument:
    """Give the draft its number, date, due date, rate and requisites, and freeze its PDF."""
    values = validate(IssueSchema(), data or {})
    check_version(load_document(principal, doc_id, "write"), expected_version)
    doc = lock(doc_id)
    if doc.status != "draft":
        raise TransitionRefused(_("Issue"), status_label(doc.status))
    if not doc.lines:
        raise InvalidInvoiceData({"lines": [_("Add at least one line before issuing.")]})
    issue(doc, values["issue_date"] or today(), principal_id=principal.user_id)
    return doc


def issue(doc: BillingDocument, day: date, *, principal_id: int | None) -> None:
    """What issuing does, for the service and for jobs issuing on a schedule.

    The number is taken last of what may refuse the issue (a missing rate): from then on the
    series' counter row is locked until commit, so every other issuer of the series waits.
    """
    seller = company_profile()
    doc.issue_date = day
    doc.due_date = day + timedelta(days=doc.payment_terms_days)
    doc.domestic_currency = seller.currency
    doc.exchange_rate = (
        None if doc.currency == seller.currency else rate_on(doc.currency, seller.currency, day)
    )
    doc.seller, doc.buyer = seller_snapshot(), buyer_snapshot(doc.party_id)
    refresh_totals(doc)
    doc.number = next_number(doc.series, record_kind=kind_of(doc), record_id=doc.id)
    doc.status = "issued"
    doc.issued_at = utcnow()
    doc.updated_by_id = principal_id
    session().flush()
    request_pdf(kind_of(doc), doc.id, freeze=True, purpose="issued")
    queue_transmission(doc)
    announce(
        "invoicing.invoice-issued",
        doc.id,
        principal_id=principal_id,
        party_id=doc.party_id,
        number=doc.number,
        doc_type=doc.doc_type,
        currency=doc.currency,
        total=str(doc.total_gross),
    )


@service("invoicing.credit")
def credit_invoice(principal: Any, invoice_id: int, data: Any = None) -> CreditNote:
    """A draft credit note reversing the issued invoice wholly or the given lines.

    A line is never credited beyond what it invoiced, counting earlier credit notes.
    """
    values = validate(CreditSchema(), data or {})
    load_document(principal, invoice_id, "read")
    original = lock(invoice_id)
    if original.doc_type != "invoice" or original.status != "issued":
        raise TransitionRefused(_("Credit"), status_label(original.status))
    credited = _credited(original.id)
    by_id = {line.id: line for line in original.lines}
    wanted = (
        values["lines"]
        if values["lines"] is not None
        else [
            {"line_id": line.id, "quantity": None}
            for line in original.lines
            if line.quantity - credited[line.id] > 0
        ]
    )
    note = CreditNote(
        status="draft",
        party_id=original.party_id,
        currency=original.currency,
        series=original.series,
        payment_terms_days=0,
        language=original.language,
        credit_of_id=original.id,
        reference=original.number,
        notes=values.get("reason"),
        owner_id=original.owner_id,
        created_by_id=principal.user_id,
        updated_by_id=principal.user_id,
    )
    for position, item in enumerate(wanted):
        line = by_id.get(item["line_id"])
        if line is None:
            raise InvalidInvoiceData(
                {f"lines.{position}.line_id": [_("The invoice has no such line.")]}
            )
        left = line.quantity - credited[line.id]
        quantity = item["quantity"] if item["quantity"] is not None else left
        if quantity <= 0 or quantity > left:
            raise InvalidInvoiceData(
                {
                    f"lines.{position}.quantity": [
                        _("At most %(left)s is left to credit on this line.", left=left)
                    ]
                }
            )
        note.lines.append(
            InvoiceLine(
                position=position,
                product_id=line.product_id,
                description=line.description,
                quantity=-quantity,
                unit=line.unit,
                unit_price=line.unit_price,
                discount=line.discount,
                vat_rate=line.vat_rate,
                vat_category=line.vat_category,
                exemption_reason=line.exemption_reason,
                source_line_id=line.id,
                net=_net(-quantity, line),
            )
        )
    if not note.lines:
        raise InvalidInvoiceData({"lines": [_("Nothing is left to credit.")]})
    refresh_totals(note)
    session().add(note)
    session().flush()
    announce(
        "invoicing.invoice-credited",
        original.id,
        principal_id=principal.user_id,
        credit_note_id=note.id,
    )
    return note


@service("invoicing.issue")
def cancel_proforma(principal: Any, doc_id: int) -> BillingDocument:
    """Cancel an issued proforma (a fiscal invoice is corrected by a credit note)."""
    load_document(principal, doc_id, "write")
    doc = lock(doc_id)
    if doc.doc_type != "proforma" or doc.status != "issued":
        raise TransitionRefused(_("Cancel"), status_label(doc.status))
    doc.status = "cancelled"
    doc.updated_by_id = principal.user_id
    session().flush()
    return doc


def _credited(invoice_id: int) -> dict[int, Decimal]:
    """How much of each line earlier credit notes (drafts included) took back."""
    rows = session().execute(
        select(InvoiceLine.source_line_id, InvoiceLine.quantity)
        .join(BillingDocument, BillingDocument.id == InvoiceLine.document_id)
        .where(BillingDocument.credit_of_id == invoice_id, BillingDocument.status != "cancelled")
    )
    totals: dict[int, Decimal] = defaultdict(lambda: Decimal(0))
    for source_line_id, quantity in rows:
        if source_line_id is not None:
            totals[source_line_id] += -quantity
    return totals


def _net(quantity: Decimal, line: InvoiceLine) -> Decimal:
    return line_net(quantity, line.unit_price, line.discount)
