"""Conversions with the real source plugins enabled: an accepted offer and an order become
draft invoices through the document-content protocol (invoicing imports neither), once
each, linked in the document chain, and the invoice issues like one made by hand."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from core.conversions import convert, document_chain
from core.errors import Forbidden
from core.kernel import kontora
from plugins.invoicing import services
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.invoicing.conftest import ALL, make_client, make_seller, make_user, principal

SOURCES = "parties,catalog,activities,offers,orders,invoicing"
SALES = [*ALL, "offers.read", "offers.write", "offers.send", "orders.read", "orders.write",
         "activities.read"]
LINES = [{"description": "Audit", "quantity": "2", "unit": "h", "unit_price": "150.00",
          "discount": "10", "vat_rate": "19"},
         {"description": "Licență", "quantity": "1", "unit": "pcs", "unit_price": "500.00",
          "vat_rate": "9"}]


@pytest.fixture
def sapp(make_iapp: Any, smtp_inbox: Inbox) -> Any:  # noqa: F811
    return make_iapp(SOURCES, KONTORA_SMTP_URL=smtp_inbox.url,
                     KONTORA_BASE_URL="http://kontora.test")


def _lines(doc: Any) -> list[tuple[str, Decimal, Decimal, Decimal, Decimal]]:
    return [(line.description, line.quantity, line.unit_price, line.discount, line.vat_rate)
            for line in doc.lines]


def test_an_accepted_offer_becomes_an_invoice_once(sapp: Any) -> None:
    from plugins.offers.services import accept_offer, create_offer, send_offer

    with sapp.app_context(), kontora(sapp).db.unit():
        who = principal(make_user("anna", SALES))
        make_seller()
        client = make_client()
        offer = create_offer(who, {"title": "Audit 2026", "party_id": client.id,
                                   "currency": "RON", "lines": LINES})
        send_offer(who, offer.id)
        offer_id = offer.id
    with sapp.app_context(), kontora(sapp).db.unit():
        accept_offer(offer_id, "Agreed")
    with sapp.app_context(), kontora(sapp).db.unit():
        who = principal(make_user("bob", SALES))
        first = convert(who, "offers.offer", offer_id, "invoicing.invoice")
        again = convert(who, "offers.offer", offer_id, "invoicing.invoice")
        invoice = first.record
        assert first.created and not again.created and again.target_id == invoice.id
        assert invoice.status == "draft" and invoice.party_id == client.id
        assert invoice.reference and invoice.reference.startswith("OF")
        assert _lines(invoice) == [("Audit", 2, 150, 10, 19), ("Licență", 1, 500, 0, 9)]
        assert (invoice.total_net, invoice.total_vat, invoice.total_gross) == (
            Decimal("770.00"), Decimal("96.30"), Decimal("866.30"))
        chain = {(entry.kind, entry.record_id) for entry in document_chain(
            "invoicing.invoice", invoice.id, who)}
        assert ("offers.offer", offer_id) in chain
        services.issue_invoice(who, invoice.id, {"issue_date": "2026-03-02"})
        assert invoice.number.startswith("FCT-")


def test_an_order_becomes_an_invoice_and_a_proforma(sapp: Any) -> None:
    from plugins.orders.services import create_order

    with sapp.app_context(), kontora(sapp).db.unit():
        who = principal(make_user("anna", SALES))
        make_seller()
        client = make_client()
        order = create_order(who, {"party_id": client.id, "currency": "RON", "lines": LINES})
        invoice = convert(who, "orders.order", order.id, "invoicing.invoice").record
        proforma = convert(who, "orders.order", order.id, "invoicing.proforma").record
        assert invoice.doc_type == "invoice" and proforma.doc_type == "proforma"
        assert _lines(invoice) == _lines(proforma) == [("Audit", 2, 150, 10, 19),
                                                        ("Licență", 1, 500, 0, 9)]
        assert invoice.total_gross == proforma.total_gross == Decimal("866.30")
        clerk = principal(make_user("clerk", [p for p in SALES if p != "invoicing.convert"]))
        with pytest.raises(Forbidden):
            convert(clerk, "orders.order", order.id, "invoicing.invoice")
