"""Payments by hand: partial, over and spread payments, exact to the cent, with statuses
derived from allocations and due dates, cash receipts, and an audited "mark as paid"."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from core.audit.models import AuditEntry
from core.db import session
from core.errors import Conflict, Forbidden, ValidationError
from plugins.parties.models import Client
from plugins.payments import services
from plugins.payments.models import Payment
from tests.plugins.invoicing.conftest import make_client, make_user, principal
from tests.plugins.payments.conftest import issued_invoice, setup

INVOICE = "invoicing.invoice"


def pay(who: Any, client: Any, amount: str, *allocations: tuple[int, str | None],
        method: str = "transfer", **extra: Any) -> Payment:
    return services.record_payment(who, {
        "party_id": client.id, "method": method, "amount": amount, "currency": "RON",
        "paid_on": "2026-03-05", "reference": "OP 17", **extra,
        "allocations": [{"record_id": rid, "amount": amt} for rid, amt in allocations]})


def status(who: Any, doc: Any) -> tuple[str, Decimal, Decimal]:
    found = services.status_of(who, INVOICE, doc.id)
    return found["status"], found["paid"], found["open"]


def test_partial_payments_add_up_to_the_cent_and_the_status_follows(unit: Any) -> None:
    def run() -> list[Any]:
        _user, who, client = setup()
        doc = issued_invoice(who, client, "0.84")  # 0.84 + 19 % = 1.00
        seen = [status(who, doc)]
        for _ in range(3):
            pay(who, client, "0.10", (doc.id, None))
        seen.append(status(who, doc))
        pay(who, client, "0.70", (doc.id, None))
        seen.append(status(who, doc))
        seen.append(doc.open_amount)
        return seen

    unpaid, partial, paid, open_left = unit(run)
    assert unpaid == ("unpaid", Decimal("0.00"), Decimal("1.00"))
    assert partial == ("partially_paid", Decimal("0.30"), Decimal("0.70"))
    assert paid == ("paid", Decimal("1.00"), Decimal("0.00"))
    assert open_left == Decimal("0.00")  # invoicing's own open amount followed


def test_one_payment_spread_over_invoices_leaves_the_rest_as_credit(unit: Any) -> None:
    def run() -> Any:
        _user, who, client = setup()
        first = issued_invoice(who, client, "100")   # 119.00
        second = issued_invoice(who, client, "50")   # 59.50
        payment = pay(who, client, "200.00", (first.id, None), (second.id, None))
        return (status(who, first), status(who, second), payment.unallocated,
                services.credit_of(client.id), [str(a.amount) for a in payment.allocations])

    first, second, left, credit, parts = unit(run)
    assert first[0] == second[0] == "paid"
    assert parts == ["119.00", "59.50"]
    assert left == Decimal("21.50") and credit == {"RON": Decimal("21.50")}


def test_credit_is_allocated_later_to_a_new_invoice(unit: Any) -> None:
    def run() -> Any:
        _user, who, client = setup()
        payment = pay(who, client, "50.00")
        doc = issued_invoice(who, client, "100")
        services.allocate_credit(who, payment.id, {"allocations": [{"record_id": doc.id}]})
        return status(who, doc), payment.unallocated

    (state, paid, open_now), left = unit(run)
    assert (state, paid, open_now, left) == ("partially_paid", Decimal("50.00"),
                                             Decimal("69.00"), Decimal("0.00"))


@pytest.mark.parametrize(("amount", "allocated", "message"), [
    ("100.00", "120.00", "Only 119.00 RON is open"),
    ("50.00", "60.00", "Only 50.00 RON of the payment is left"),
    ("10.001", None, "at most two decimals"),
])
def test_over_allocation_and_fractions_of_a_cent_are_refused(
        unit: Any, amount: str, allocated: str | None, message: str) -> None:
    who, client_id, doc_id = unit(lambda: _invoice_to_pay())
    with pytest.raises(ValidationError) as caught:
        unit(lambda: pay(who, session().get(Client, client_id), amount, (doc_id, allocated)))
    fields = caught.value.fields
    assert message in " ".join(m for ms in fields.values() for m in ms)
    assert unit(lambda: session().scalar(select(Payment.id))) is None  # nothing booked


def _invoice_to_pay() -> tuple[Any, int, int]:
    _user, who, client = setup()
    return who, client.id, issued_invoice(who, client, "100").id


def test_another_clients_invoice_cannot_be_paid(unit: Any) -> None:
    def run() -> Any:
        _user, who, client = setup()
        doc = issued_invoice(who, client, "100")
        other = make_client()
        with pytest.raises(ValidationError) as caught:
            pay(who, other, "119.00", (doc.id, None))
        return caught.value.fields

    assert "another client" in unit(run)["allocations"][0]


def test_a_late_invoice_is_overdue_until_paid(unit: Any) -> None:
    def run() -> Any:
        _user, who, client = setup()
        doc = issued_invoice(who, client, "100", issued=date.today() - timedelta(days=40))
        late = status(who, doc)[0]
        pay(who, client, "19.00", (doc.id, None))
        still = status(who, doc)[0]
        pay(who, client, "100.00", (doc.id, None))
        return late, still, status(who, doc)[0]

    assert unit(run) == ("overdue", "overdue", "paid")


def test_pos_needs_its_transaction_number(unit: Any) -> None:
    def run() -> Any:
        _user, who, client = setup()
        with pytest.raises(ValidationError) as caught:
            pay(who, client, "10.00", method="pos", reference="")
        return caught.value.fields

    assert "reference" in unit(run)


def test_cash_from_a_company_gets_a_numbered_receipt_a_person_none(unit: Any) -> None:
    def run() -> Any:
        _user, who, company = setup()
        person = make_client("private_person")
        first = pay(who, company, "10.00", method="cash")
        second = pay(who, company, "20.00", method="cash")
        private = pay(who, person, "5.00", method="cash")
        transfer = pay(who, company, "5.00")
        return first.receipt_number, second.receipt_number, private.receipt_number, \
            transfer.receipt_number

    first, second, private, transfer = unit(run)
    year = date.today().year
    assert (first, second) == (f"CHT-{year}-00001", f"CHT-{year}-00002")
    assert private is None and transfer is None


def test_mark_as_paid_settles_the_rest_and_is_audited(unit: Any) -> None:
    def run() -> Any:
        user, who, client = setup()
        doc = issued_invoice(who, client, "100")
        pay(who, client, "19.00", (doc.id, None))
        manual = services.mark_paid(who, INVOICE, doc.id, {})
        session().flush()
        audit = session().scalars(select(AuditEntry).where(
            AuditEntry.record_kind == "payments.payment",
            AuditEntry.record_id == manual.id)).all()
        return (manual.method, manual.amount, status(who, doc)[0],
                [(a.action, a.actor_id) for a in audit], user.id)

    method, amount, state, audit, user_id = unit(run)
    assert (method, amount, state) == ("manual", Decimal("100.00"), "paid")
    assert ("create", user_id) in audit


def test_mark_as_paid_needs_its_permission_and_something_open(unit: Any) -> None:
    def run() -> Any:
        _user, who, client = setup()
        doc = issued_invoice(who, client, "100")
        clerk = principal(make_user("clerk", ["invoicing.read", "payments.read",
                                              "payments.write"]))
        with pytest.raises(Forbidden):
            services.mark_paid(clerk, INVOICE, doc.id, {})
        services.mark_paid(who, INVOICE, doc.id, {})
        with pytest.raises(Conflict):
            services.mark_paid(who, INVOICE, doc.id, {})

    unit(run)
