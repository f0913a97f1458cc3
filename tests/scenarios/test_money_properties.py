"""Money along the whole chain, as a property: random lines and payments, exact to the cent.

Hypothesis draws lines (quantities, unit prices, discounts, VAT rates), a currency, the VAT
category each invoice line ends with (standard, zero rated, exempt, reverse charge), a credit
(none, whole, or some lines in part) and payments (partial, exact, over: the rest stays as
credit, allocated later, one payment spread over two invoices). The plugins' services do
offer -> order -> invoice -> credit note -> payments; an independent model here computes
what every total, VAT group, open amount, status and balance must be, and each must agree
to the cent with what the services stored.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.conversions import convert
from core.db import session
from core.documents.store import seed_templates
from core.kernel import kontora
from core.numbering.series import seed_series
from tests.plugins.invoicing.conftest import make_client, make_seller
from tests.scenarios.conftest import as_user

PLUGINS = "parties,catalog,activities,offers,orders,invoicing,payments"
CURRENCIES = ["RON", "EUR", "BGN"]
RATES = {"EUR": "4.9750", "BGN": "2.5437"}
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
INVOICE = "invoicing.invoice"
CLIENTS = itertools.count(1)


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Line:
    quantity: Decimal
    unit_price: Decimal
    discount: Decimal
    vat_rate: Decimal
    category: str = "S"

    @property
    def net(self) -> Decimal:
        return money(self.quantity * self.unit_price * (100 - self.discount) / 100)


def groups(lines: list[Line]) -> dict[tuple[str, Decimal], tuple[Decimal, Decimal]]:
    """(category, rate) -> (net, VAT): VAT once per group on the sum of the line nets."""
    nets: dict[tuple[str, Decimal], Decimal] = {}
    for line in lines:
        rate = line.vat_rate if line.category == "S" else Decimal(0)
        key = (line.category, rate.normalize() + 0)
        nets[key] = nets.get(key, ZERO) + line.net
    return {key: (net, money(net * key[1] / 100) if key[0] == "S" else ZERO)
            for key, net in nets.items()}


def totals(lines: list[Line]) -> tuple[Decimal, Decimal, Decimal]:
    found = groups(lines).values()
    net = sum((n for n, _v in found), ZERO)
    vat = sum((v for _n, v in found), ZERO)
    return net, vat, net + vat


def scaled(digits: int) -> Callable[[int], Decimal]:
    return lambda n: Decimal(n).scaleb(-digits)


whole = st.integers(1, 500).map(Decimal)
quantities = st.one_of(whole, whole, st.integers(1, 10_000_000).map(scaled(4)))
half_cents = st.integers(0, 100_000).map(lambda n: Decimal(n * 10 + 5).scaleb(-3))
"""Prices ending in half a cent: whole quantities then land on rounding ties."""
prices = st.one_of(st.integers(0, 1_000_000).map(scaled(2)), half_cents, half_cents,
                   st.integers(0, 100_000_000).map(scaled(4)))
discounts = st.one_of(st.just(Decimal(0)), st.just(Decimal(0)),
                      st.integers(0, 10_000).map(scaled(2)))
vat_rates = st.sampled_from(["0", "5", "9", "19", "20", "21"]).map(Decimal)
lines_st = st.lists(st.builds(Line, quantities, prices, discounts, vat_rates),
                    min_size=1, max_size=4)
categories = st.sampled_from(["S", "S", "Z", "E", "AE"])


@pytest.fixture
def money_app(make_app: Callable[..., Any]) -> Iterator[Any]:
    """The sales and billing plugins together, with an all-powerful clerk and EUR/BGN rates."""
    from core.identity.models import User
    from core.permissions.models import Role
    from plugins.invoicing.services import set_rate

    app = make_app(plugins=PLUGINS)
    with app.app_context(), kontora(app).db.unit() as s:
        seed_series(s, kontora(app).collect("kontora_number_series"))
        seed_templates(s)
        make_seller()
        user = User(login="clerk", name="Clerk", email="clerk@firma.test", language="en")
        user.roles.append(Role(name="clerk", label="Clerk", default_scope="all",
                               grants_all=True))
        s.add(user)
        s.flush()
        for currency, rate in RATES.items():
            set_rate(as_user("clerk"), {"currency": currency, "rate": rate,
                                        "rate_date": date.today().isoformat()})
    yield app


def offered(who: Any, client_id: int, currency: str, lines: list[Line]) -> Any:
    from plugins.offers.services import create_offer

    return create_offer(who, {
        "title": "Property", "currency": currency, "party_id": client_id,
        "lines": [{"description": f"Line {n}", "quantity": str(line.quantity),
                   "unit_price": str(line.unit_price), "discount": str(line.discount),
                   "vat_rate": str(line.vat_rate)} for n, line in enumerate(lines)]})


def assert_document(doc: Any, lines: list[Line]) -> None:
    """Stored totals, and (for billing documents) the VAT breakdown, are the model's."""
    assert (doc.total_net, doc.total_vat, doc.total_gross) == totals(lines), doc
    if hasattr(doc, "credit_of_id"):
        from plugins.invoicing.vat import breakdown

        stored = {(g.category, g.rate): (g.net, g.vat) for g in breakdown(doc.lines).groups}
        assert stored == groups(lines)
        assert [line.net for line in doc.lines] == [line.net for line in lines]


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), lines=lines_st, currency=st.sampled_from(CURRENCIES))
def test_money_agrees_along_offer_order_invoice_credit_and_payments(
        money_app: Any, data: st.DataObject, lines: list[Line], currency: str) -> None:
    from plugins.invoicing.services import (
        add_line,
        credit_invoice,
        issue_invoice,
        remove_line,
    )
    from plugins.payments.services import (
        allocate_credit,
        credit_of,
        record_payment,
        status_of,
    )
    from plugins.payments.services.receivables import balance_of

    with money_app.app_context(), kontora(money_app).db.unit():
        who = as_user("clerk")
        client = make_client(email=f"client{next(CLIENTS)}@example.com")

        # -- offer -> order -> invoice: the same lines, the same totals on every paper
        offer = offered(who, client.id, currency, lines)
        assert_document(offer, lines)
        order = convert(who, "offers.offer", offer.id, "orders.order").record
        assert_document(order, lines)
        invoice = convert(who, "orders.order", order.id, INVOICE).record
        assert_document(invoice, lines)

        # -- the invoice lines take their final VAT category before issue: as in the editor,
        # a line of another category replaces the converted one (added after the others)
        kept: list[Line] = []
        replaced: list[Line] = []
        for stored, line in zip(list(invoice.lines), lines, strict=True):
            category = data.draw(categories, label="category")
            if category == "S":
                kept.append(Line(line.quantity, line.unit_price, line.discount, line.vat_rate,
                                 category))
                continue
            remove_line(who, invoice.id, stored.id)
            add_line(who, invoice.id, {
                "description": stored.description, "quantity": str(line.quantity),
                "unit_price": str(line.unit_price), "discount": str(line.discount),
                "vat_rate": "0", "vat_category": category,
                "exemption_reason": None if category == "Z" else "Per law"})
            replaced.append(Line(line.quantity, line.unit_price, line.discount, Decimal(0),
                                 category))
        final = kept + replaced
        issue_invoice(who, invoice.id)
        assert_document(invoice, final)
        second_lines = data.draw(lines_st, label="second invoice")
        second = offered(who, client.id, currency, second_lines)
        second = convert(who, "offers.offer", second.id, INVOICE).record
        issue_invoice(who, second.id)
        assert_document(second, second_lines)

        # -- a credit note: none, the whole invoice, or some lines in part
        how = data.draw(st.sampled_from(["none", "whole", "lines"]), label="credit")
        credited: list[Line] = []
        if how != "none":
            wanted = None
            if how == "lines":
                wanted = []
                for stored, line in zip(invoice.lines, final, strict=True):
                    share = data.draw(st.sampled_from([None, 0, 1, 2, 3]), label="share")
                    if share == 0:
                        continue
                    quantity = line.quantity if share is None else \
                        (line.quantity * share / 4).quantize(Decimal("0.0001"), ROUND_DOWN)
                    if quantity <= 0:
                        continue
                    wanted.append({"line_id": stored.id,
                                   "quantity": None if share is None else str(quantity)})
                    credited.append(Line(-quantity, line.unit_price, line.discount,
                                         line.vat_rate, line.category))
            else:
                credited = [Line(-line.quantity, line.unit_price, line.discount, line.vat_rate,
                                 line.category) for line in final]
            if credited:
                note = credit_invoice(who, invoice.id, {"lines": wanted})
                issue_invoice(who, note.id)
                assert_document(note, credited)
                if how == "whole":
                    assert (note.total_net, note.total_vat, note.total_gross) == tuple(
                        -t for t in totals(final))

        # -- payments: partial, exact or over; some kept as credit and allocated later
        invoices = [invoice, second]
        owed = {doc.id: doc.total_gross for doc in invoices}
        paid = dict.fromkeys(owed, ZERO)
        credit = ZERO
        booked = []
        for _ in range(data.draw(st.integers(1, 3), label="payments")):
            left_to_pay = sum(owed[i] - paid[i] for i in owed)
            cents = data.draw(st.integers(1, int(left_to_pay * 100) + 5_000), label="cents")
            amount = Decimal(cents).scaleb(-2)
            allocate_now = data.draw(st.booleans(), label="allocate now")
            allocations, left = [], amount
            if allocate_now:
                for doc_id in owed:
                    take = min(owed[doc_id] - paid[doc_id], left)
                    if take > 0:
                        allocations.append({"record_id": doc_id})
                        paid[doc_id] += take
                        left -= take
            credit += left
            booked.append(record_payment(who, {
                "party_id": client.id, "method": "transfer", "amount": str(amount),
                "currency": currency, "paid_on": date.today().isoformat(),
                "reference": "OP", "allocations": allocations}))
        for payment in booked:  # the client's credit settles what is still open, in order
            wanted = []
            left = payment.unallocated
            for doc_id in owed:
                take = min(owed[doc_id] - paid[doc_id], left)
                if take > 0:
                    wanted.append({"record_id": doc_id})
                    paid[doc_id] += take
                    left -= take
                    credit -= take
            if wanted:
                allocate_credit(who, payment.id, {"allocations": wanted})

        # -- open amounts, derived statuses and the balance agree with the model
        for doc in invoices:
            found = status_of(who, INVOICE, doc.id)
            open_now = owed[doc.id] - paid[doc.id]
            assert (found["paid"], found["open"], doc.paid_amount, doc.open_amount) == (
                paid[doc.id], open_now, paid[doc.id], open_now)
            expected = "paid" if open_now <= 0 else \
                "partially_paid" if paid[doc.id] > 0 else "unpaid"
            assert found["status"] == expected
        assert sum((p.amount for p in booked), ZERO) == sum(paid.values(), ZERO) + credit
        assert credit_of(client.id) == ({currency: credit} if credit else {})
        open_total = sum((owed[i] - paid[i] for i in owed), ZERO)
        assert balance_of(who, client.id) == {
            "open": {currency: open_total} if open_total else {},
            "credit": {currency: credit} if credit else {}}
        session().rollback()  # each example leaves nothing behind for the next
