"""Receivables: open amounts aged by days past due per client and currency, exact to the
cent, as a page, CSV, XLSX and API; the client's balance and credit on its profile."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook

from core.db import session
from core.i18n import format_money
from core.kernel import kontora
from plugins.invoicing.models import ExchangeRate
from plugins.payments import services
from plugins.payments.services.receivables import aged_receivables
from tests.core.api.support import bearer
from tests.plugins.invoicing.conftest import browser, principal
from tests.plugins.payments.conftest import issued_invoice, setup


def _prepare(app: Any) -> tuple[Any, Any, int]:
    """Invoices due today (current), 10, 45 and 100 days ago; one paid in part; credit."""
    with app.app_context(), kontora(app).db.unit():
        user, who, client = setup()
        today = date.today()
        docs = [issued_invoice(who, client, "100", issued=today - timedelta(days=30 + late))
                for late in (0, 10, 45, 100)]
        services.record_payment(who, {
            "party_id": client.id, "method": "transfer", "amount": "50.01", "currency": "RON",
            "paid_on": today.isoformat(),
            "allocations": [{"record_id": docs[1].id, "amount": "19.01"}]})
        session().add(ExchangeRate(currency="EUR", domestic="RON",
                                   rate_date=today - timedelta(days=50),
                                   rate=Decimal("4.9750"), source="manual"))
        issued_invoice(who, client, "10", issued=today - timedelta(days=50), currency="EUR")
        return browser(app, user), bearer(user), client.id


def test_aged_receivables_on_the_page_in_exports_and_the_api(papp: Any) -> None:
    web, headers, client_id = _prepare(papp)
    answer = papp.test_client().get("/api/v1/payments.receivables", headers=headers)
    ron, eur = sorted(answer.get_json()["rows"], key=lambda r: r["currency"], reverse=True)
    buckets = ("current", "1-30", "31-60", "61-90", "90+", "total")
    assert {k: ron[k] for k in buckets} == {
        "current": "119.00", "1-30": "99.99", "31-60": "119.00", "61-90": "0.00",
        "90+": "119.00", "total": "456.99"}
    assert {k: eur[k] for k in buckets} == {
        "current": "0.00", "1-30": "11.90", "31-60": "0.00", "61-90": "0.00",
        "90+": "0.00", "total": "11.90"}
    page = web.get("/payments/receivables").get_data(as_text=True)
    money = {amount: format_money(Decimal(amount), currency, locale="en")
             for amount, currency in (("456.99", "RON"), ("99.99", "RON"), ("11.90", "EUR"))}
    assert f'data-total>{money["456.99"]}<' in page  # written as money, not 456.99
    assert f'data-bucket="1-30">{money["99.99"]}<' in page
    assert f'data-bucket="1-30">{money["11.90"]}<' in page
    csv = web.get("/payments/receivables?format=csv").get_data(as_text=True)
    assert "119.00,99.99,119.00,0.00,119.00,456.99" in csv  # files keep plain numbers
    assert ",EUR,0.00,11.90,0.00,0.00,0.00,11.90" in csv
    sheet = load_workbook(io.BytesIO(web.get("/payments/receivables?format=xlsx").data)).active
    rows = sorted(([c.value for c in row][1:] for row in sheet.iter_rows(min_row=2)),
                  key=lambda r: r[0])
    assert rows == [["EUR", 0, 11.9, 0, 0, 0, 11.9], ["RON", 119, 99.99, 119, 0, 119, 456.99]]
    profile = web.get(f"/clients/{client_id}").get_data(as_text=True)
    assert 'data-open="RON">456.99' in profile and 'data-credit="RON">31.00' in profile


def test_the_report_reads_a_fixed_number_of_statements_whatever_the_invoices(
        papp: Any) -> None:
    """Three invoices or nine, one partly paid: the same statements (no query per invoice
    for its allocations or its client)."""
    from sqlalchemy import event

    with papp.app_context(), kontora(papp).db.unit():
        user, who, client = setup()
        first = issued_invoice(who, client, "100")
        services.record_payment(who, {
            "party_id": client.id, "method": "transfer", "amount": "10.00", "currency": "RON",
            "paid_on": date.today().isoformat(),
            "allocations": [{"record_id": first.id, "amount": "10.00"}]})
        for _ in range(2):
            issued_invoice(who, client, "100")

    def statements() -> int:
        seen: list[int] = []

        def count(*_args: Any) -> None:
            seen.append(1)

        engine = kontora(papp).db.engine
        with papp.app_context(), kontora(papp).db.unit():
            event.listen(engine, "before_cursor_execute", count)
            try:
                [row] = aged_receivables(principal(user))
            finally:
                event.remove(engine, "before_cursor_execute", count)
        assert row.total > 0
        return len(seen)

    three = statements()
    with papp.app_context(), kontora(papp).db.unit():
        for _ in range(6):
            issued_invoice(principal(user), client, "100")
    assert statements() == three
