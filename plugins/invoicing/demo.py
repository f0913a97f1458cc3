"""Demo invoices: the seller's requisites, a EUR rate and a draft invoice for the first
client (drafts only, so the demo data can be removed and reloaded)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from core.company import PROFILE_ID, CompanyProfile
from plugins.invoicing.models import ExchangeRate, Invoice, InvoiceLine
from plugins.parties.models import Client


def add_demo_invoices(session: Any) -> None:
    if session.get(CompanyProfile, PROFILE_ID) is None:  # the seller on demo invoices
        session.add(CompanyProfile(
            id=PROFILE_ID, name="Kontora Demo SRL", details="", kind="legal_entity",
            vat_number="RO18547290", tax_id="18547290", trade_register_no="J40/1234/2006",
            street="Str. Exemplu 1", city="SECTOR1", region="RO-B", postal_code="010101",
            country="RO", currency="RON", vat_payer=True,
            bank_accounts=[{"bank": "Banca Demo", "iban": "RO49AAAA1B31007593840000",
                            "bic": "", "currency": "RON"}]))
    if session.scalars(select(ExchangeRate)).first() is None:
        session.add(ExchangeRate(currency="EUR", domestic="RON", rate_date=date.today(),
                                 rate=Decimal("4.9750"), source="manual"))
    client = session.scalars(select(Client).order_by(Client.id)).first()
    if client is None or session.scalars(select(Invoice)).first() is not None:
        return
    invoice = Invoice(status="draft", series="invoices", party_id=client.id, currency="RON",
                      language="ro", payment_terms_days=15)
    invoice.lines.append(InvoiceLine(position=0, description="Consultanță", quantity=Decimal(10),
                                     unit="h", unit_price=Decimal("250"), discount=Decimal(0),
                                     vat_rate=Decimal(19), vat_category="S",
                                     net=Decimal("2500.00")))
    invoice.total_net, invoice.total_vat = Decimal("2500.00"), Decimal("475.00")
    invoice.total_gross = Decimal("2975.00")
    session.add(invoice)
