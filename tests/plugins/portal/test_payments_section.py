"""The payments section and paying from the portal: the client sees its payments with
their cash receipts and what it still owes, and pays an open invoice by the demo card from
the invoices page through the client link's payment start; clicking twice, or paying twice,
books one payment. Other clients' payments and invoices are 404."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from core.app import kontora
from core.db import session
from tests.plugins.portal.conftest import CSRF, invited
from tests.plugins.portal.paperwork import cash_payment, issued_invoice


def test_the_client_sees_its_payments_receipts_and_balance(papp, smtp_inbox, two_clients):
    alfa = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    invoice = issued_invoice(papp, two_clients["a"], "100")
    mine = cash_payment(papp, two_clients["a"], invoice, "50.00")
    theirs = cash_payment(papp, two_clients["b"], issued_invoice(papp, two_clients["b"]),
                          "70.00")
    page = alfa.get("/portal/payments/").get_data(as_text=True)
    assert "Payments" in alfa.get("/portal/").get_data(as_text=True)  # in the navigation
    assert f"/portal/payments/{mine}/receipt.pdf" in page
    assert f"/portal/payments/{theirs}/receipt.pdf" not in page and "70.00" not in page
    assert re.search(r'data-open="RON">[^<]*69\.00<', page)  # 119.00 issued, 50.00 paid
    invoices = alfa.get("/portal/invoices/").get_data(as_text=True)
    assert 'data-badge="payment-partially_paid">Partially paid<' in invoices  # not "Issued"
    receipt = alfa.get(f"/portal/payments/{mine}/receipt.pdf")
    assert receipt.status_code == 200 and receipt.data.startswith(b"%PDF")
    assert alfa.get(f"/portal/payments/{theirs}/receipt.pdf").status_code == 404


def test_nothing_paid_yet_says_so(papp, smtp_inbox, two_clients):
    alfa = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    page = alfa.get("/portal/payments/").get_data(as_text=True)
    assert "data-nothing-open" in page and "no payment yet" in page


def test_the_client_pays_an_open_invoice_by_card_once(papp, smtp_inbox, two_clients,
                                                      monkeypatch: pytest.MonkeyPatch):
    from plugins.payments.models import Checkout, Payment

    monkeypatch.setenv("KONTORA_PAYMENTS_PROVIDER", "demo")
    alfa = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    mine = issued_invoice(papp, two_clients["a"], "100")
    theirs = issued_invoice(papp, two_clients["b"], "300")
    listing = alfa.get("/portal/invoices/").get_data(as_text=True)
    assert f'action="/portal/invoices/{mine}/pay/card"' in listing
    assert 'data-badge="payment-unpaid"' in listing
    refused = alfa.post(f"/portal/invoices/{theirs}/pay/card", form_page="/portal/invoices/")
    assert refused.status_code == 404
    unknown = alfa.post(f"/portal/invoices/{mine}/pay/cheque", form_page="/portal/invoices/")
    assert unknown.status_code == 404
    starts = [alfa.post(f"/portal/invoices/{mine}/pay/card", form_page="/portal/invoices/")
              for _ in range(2)]  # a double click
    assert [s.status_code for s in starts] == [303, 303]
    demo = starts[0].location
    assert "/payments/online/demo/" in demo and starts[1].location == demo
    csrf = CSRF.search(alfa.get(demo).get_data(as_text=True)).group(1)
    for _ in range(2):  # and a double click on "Pay"
        paid = alfa.client.post(demo, data={"csrf_token": csrf, "card": "4242424242424242"})
        assert paid.status_code == 200 and b"payment was received" in paid.data
    with papp.app_context(), kontora(papp).db.unit():
        assert [(p.method, p.amount, p.party_id) for p in session().scalars(select(Payment))] \
            == [("card", Decimal("119.00"), two_clients["a"])]
        assert len(session().scalars(select(Checkout)).all()) == 1
    listing = alfa.get("/portal/invoices/").get_data(as_text=True)
    assert f"/portal/invoices/{mine}/pay/card" not in listing  # nothing left to pay
    assert 'data-badge="payment-paid">Paid<' in listing
    assert 'href="/portal/invoices/" data-back' in paid.get_data(as_text=True)
    assert "Card online" in alfa.get("/portal/payments/").get_data(as_text=True)



def test_the_payment_status_hook_answers_a_portal_user_for_its_own_documents_only(
        papp, two_clients):
    """``kontora_list_badges`` asked by a portal user with another client's ids too."""
    from core.identity import PORTAL, Principal
    from plugins.payments.panels import list_badges

    mine = issued_invoice(papp, two_clients["a"], "100")
    theirs = issued_invoice(papp, two_clients["b"], "100")
    portal = Principal(kind=PORTAL, id=1, name="Ioana", record_kind="parties.client",
                       record_id=two_clients["a"])
    with papp.test_request_context(), kontora(papp).db.unit():
        from flask import g

        g.kontora_principal = portal
        answer = list_badges("invoicing.invoice", [mine, theirs])
    assert [(b["record_id"], b["key"]) for b in answer] == [(mine, "payment-unpaid")]
