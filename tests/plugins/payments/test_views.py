"""Staff pages: the invoice shows its payment status and actions (through the kernel's
panels and badges), the payment form picks the client and allocates across open invoices,
the payment page allocates what is left, "mark as paid" settles, and a cash receipt's PDF
is served."""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader

from core.kernel import kontora
from tests.plugins.invoicing.conftest import browser
from tests.plugins.payments.conftest import issued_invoice, setup

PAYMENT_LINK = re.compile(r"/payments/(\d+)$")


def _prepare(app: Any) -> tuple[Any, dict[str, int]]:
    with app.app_context(), kontora(app).db.unit():
        user, who, client = setup()
        first = issued_invoice(who, client, "100")
        second = issued_invoice(who, client, "50")
        return browser(app, user), {"party": client.id, "first": first.id,
                                    "second": second.id}


def test_record_a_payment_across_invoices_from_the_invoice_page(papp: Any) -> None:
    web, ids = _prepare(papp)
    page = web.get(f"/invoicing/{ids['first']}").get_data(as_text=True)
    assert 'data-payment-status="unpaid"' in page and "data-record-payment" in page
    listing = web.get("/invoicing/").get_data(as_text=True)
    assert 'data-badge="payment-unpaid"' in listing
    form = web.get(f"/payments/new?party_id={ids['party']}&record_id={ids['first']}")
    text = form.get_data(as_text=True)
    assert form.status_code == 200 and f'name="alloc-{ids["second"]}"' in text
    assert 'value="119.00"' in text  # the invoice it was opened from, filled in
    bad = web.post("/payments/new", {"party_id": ids["party"], "method": "transfer",
                                     "amount": "100.00", "currency": "RON",
                                     "paid_on": "2026-03-05",
                                     f"alloc-{ids['first']}": "119.00"})
    assert bad.status_code == 422 and "data-allocation-error" in bad.get_data(as_text=True)
    done = web.post("/payments/new", {"party_id": ids["party"], "method": "transfer",
                                      "amount": "200.00", "currency": "RON",
                                      "paid_on": "2026-03-05", "reference": "OP 9",
                                      f"alloc-{ids['first']}": "119.00",
                                      f"alloc-{ids['second']}": "50.00"})
    assert done.status_code == 303
    payment = PAYMENT_LINK.search(done.headers["Location"]).group(1)
    detail = web.get(f"/payments/{payment}").get_data(as_text=True)
    assert "RON31.00" in detail and "data-allocate" in detail  # 9.50 + 21.50 left
    web.post(f"/payments/{payment}/allocate", {f"alloc-{ids['second']}": "9.50"})
    assert 'data-payment-status="paid"' in web.get(f"/invoicing/{ids['second']}").get_data(
        as_text=True)
    assert 'data-badge="payment-paid"' in web.get("/invoicing/").get_data(as_text=True)


def test_mark_as_paid_and_the_cash_receipt_pdf(papp: Any) -> None:
    web, ids = _prepare(papp)
    marked = web.post(f"/payments/mark-paid/{ids['first']}", {})
    assert marked.status_code == 303
    assert 'data-payment-status="paid"' in web.get(f"/invoicing/{ids['first']}").get_data(
        as_text=True)
    cash = web.post("/payments/new", {"party_id": ids["party"], "method": "cash",
                                      "amount": "59.50", "currency": "RON",
                                      "paid_on": "2026-03-05",
                                      f"alloc-{ids['second']}": "59.50"})
    payment = PAYMENT_LINK.search(cash.headers["Location"]).group(1)
    detail = web.get(f"/payments/{payment}").get_data(as_text=True)
    assert "data-receipt" in detail and "CHT-" in detail
    pdf = web.get(f"/payments/{payment}/receipt.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    number = re.search(r"CHT-\d{4}-\d{5}", detail).group(0)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert number in text and "59.50" in text and "Client SRL" in text  # read back
    assert web.get(f"/payments/{payment}/receipt.pdf").data == pdf.data  # frozen bytes
