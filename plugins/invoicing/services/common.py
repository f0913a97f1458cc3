"""What every invoicing service shares: loading within record rules, totals, snapshots."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from core.company import company_profile
from core.db import session
from core.errors import NotFound
from core.i18n import gettext as _
from core.jobs import clock
from core.services import load_record
from plugins.invoicing.exceptions import InvoiceLocked, StaleInvoice
from plugins.invoicing.models import BillingDocument
from plugins.invoicing.vat import breakdown
from plugins.parties.models import Client

INVOICE = "invoicing.invoice"
PROFORMA = "invoicing.proforma"


def kind_of(doc: BillingDocument) -> str:
    return PROFORMA if doc.doc_type == "proforma" else INVOICE


def load_document(principal: Any, doc_id: int, action: str = "read") -> BillingDocument:
    """Any invoice, credit note or proforma the principal may ``action`` (404 otherwise)."""
    doc_type = session().scalar(select(BillingDocument.doc_type)
                                .where(BillingDocument.id == doc_id))
    if doc_type is None:
        raise NotFound(_("There is no such document."))
    return load_record(principal, PROFORMA if doc_type == "proforma" else INVOICE, doc_id,
                       action)


def check_version(doc: BillingDocument, expected_version: int | None) -> None:
    if expected_version is not None and doc.version != expected_version:
        raise StaleInvoice()


def flush() -> None:
    try:
        session().flush()
    except StaleDataError:
        raise StaleInvoice() from None


def require_draft(doc: BillingDocument) -> None:
    if doc.status != "draft":
        raise InvoiceLocked()


def refresh_totals(doc: BillingDocument) -> None:
    totals = breakdown(doc.lines, doc.language)
    doc.total_net, doc.total_vat, doc.total_gross = totals.net, totals.vat, totals.gross


def today() -> date:
    """Today in the installation's time zone (the date printed on an invoice), from the
    kernel clock so a scheduled run on a set day issues with that day's date."""
    return clock.today()


def seller_snapshot() -> str:
    """The seller's requisites as frozen on an invoice at issue: the kernel's company
    profile (its first bank account in the accounting currency, else its first)."""
    p = company_profile()
    accounts = p.bank_accounts or []
    bank = next((a for a in accounts if a.get("currency") == p.currency),
                accounts[0] if accounts else {})
    return json.dumps({
        "name": p.name, "vat_number": p.vat_number, "tax_id": p.tax_id,
        "trade_register_no": p.trade_register_no, "vat_payer": p.vat_payer,
        "street": p.street, "city": p.city, "region": p.region, "postal_code": p.postal_code,
        "country": p.country, "iban": bank.get("iban"), "bank_name": bank.get("bank") or None,
        "email": p.email, "phone": p.phone, "currency": p.currency}, ensure_ascii=False)


def buyer_snapshot(party_id: int) -> str:
    """The client's requisites by client kind: a company's VAT and register numbers, a
    private person's personal identifier; its registered (else any default) address."""
    client = session().get(Client, party_id)
    if client is None:
        raise NotFound(_("There is no such client."))
    addresses = sorted(client.addresses, key=lambda a: (a.use != "registered", not a.is_default))
    address = addresses[0] if addresses else None
    bank = next((b for b in client.bank_accounts if b.is_default), None)
    return json.dumps({
        "kind": client.kind, "name": client.name, "country": client.country,
        "vat_number": client.vat_number if client.kind != "private_person" else None,
        "tax_id": client.tax_id, "trade_register_no": client.trade_register_no,
        "personal_id": client.personal_id if client.kind == "private_person" else None,
        "email": client.email, "phone": client.phone,
        "street": address.street if address else "", "city": address.city if address else "",
        "region": address.region if address else None,
        "postal_code": address.postal_code if address else None,
        "address_country": address.country if address else client.country,
        "iban": bank.iban if bank else None}, ensure_ascii=False)
