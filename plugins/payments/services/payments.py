"""Recording payments by hand, allocating a client's credit later, "mark as paid", and
what is paid, open and credited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from core.db import session
from core.documents import request_pdf
from core.i18n import gettext as _
from core.kernel import kontora
from core.numbering import next_number
from core.permissions import scope
from core.services import announce, check_references, load_record, lock_record, service, validate
from plugins.payments.exceptions import InvalidPayment, NothingOpen
from plugins.payments.kinds import KIND
from plugins.payments.models import Allocation, Payment
from plugins.payments.schemas import AllocationsSchema, MarkPaidSchema, PaymentSchema
from plugins.payments.services.allocation import (
    allocate,
    allocated_to,
    described,
    lock_document,
    owed,
)
from plugins.payments.status import payment_status

RECEIPT_SERIES = "cash_receipts"


def book(principal: Any, values: dict[str, Any], wanted: list[dict[str, Any]], *,
         actor_id: int | None = None) -> Payment:
    """Write a payment and its allocations in the caller's unit of work, number the cash
    receipt of a legal entity, and announce the payment after commit. ``principal`` ``None``
    books without record rules (a provider's confirmation, a statement's match);
    ``actor_id`` then says who to record as its author (the statement's importer)."""
    actor = principal.user_id if principal is not None else actor_id
    payment = Payment(**values, owner_id=actor, created_by_id=actor, updated_by_id=actor)
    session().add(payment)
    session().flush()
    allocate(principal, payment, wanted)
    if payment.method == "cash" and payment.party.kind == "legal_entity":
        payment.receipt_number = next_number(RECEIPT_SERIES, record_kind=KIND,
                                             record_id=payment.id)
        session().flush()
        request_pdf(KIND, payment.id, freeze=True)
    announce("payments.payment-received", payment.id, principal_id=actor,
             party_id=payment.party_id, method=payment.method, amount=str(payment.amount),
             currency=payment.currency, allocations=described(payment.allocations))
    return payment


@service("payments.write")
def record_payment(principal: Any, data: Any) -> Payment:
    """A bank transfer, cash or POS payment, allocated to the documents named (what is
    left is the client's credit)."""
    values = validate(PaymentSchema(), data)
    wanted = values.pop("allocations")
    check_references(principal, Payment, {"party_id": values["party_id"]})
    return book(principal, values, wanted)


@service("payments.write")
def allocate_credit(principal: Any, payment_id: int, data: Any) -> Payment:
    """Allocate what is left of a payment (the client's credit) to documents."""
    wanted = validate(AllocationsSchema(), data)["allocations"]
    load_record(principal, KIND, payment_id, "write")
    payment = lock_record(Payment, payment_id)
    if payment.unallocated <= 0:
        raise InvalidPayment({"allocations": [_("Nothing of this payment is left.")]})
    made = allocate(principal, payment, wanted)
    payment.updated_by_id = principal.user_id
    announce("payments.payment-allocated", payment.id, principal_id=principal.user_id,
             allocations=described(made))
    return payment


@service("payments.mark_paid")
def mark_paid(principal: Any, kind: str, record_id: int, data: Any = None) -> Payment:
    """Settle what is open on a document with a ``manual`` payment (audited like any)."""
    values = validate(MarkPaidSchema(), data or {})
    document = load_record(principal, kind, record_id, "read")
    lock_document(kind, record_id)
    info = owed(kind, record_id)
    if info is None:
        raise NothingOpen()
    open_now = info["total"] - allocated_to(kind, record_id)
    if open_now <= 0:
        raise NothingOpen()
    return book(principal, {
        "party_id": document.party_id, "method": "manual", "amount": open_now,
        "currency": info["currency"], "paid_on": values["paid_on"] or date.today(),
        "notes": values["notes"] or _("Marked as paid by %(name)s.", name=principal.name)},
        [{"record_kind": kind, "record_id": record_id, "amount": open_now}])


def status_of(principal: Any, kind: str, record_id: int,
              today: date | None = None) -> dict[str, Any]:
    """A document's derived payment status with its amounts (404 if unreadable)."""
    load_record(principal, kind, record_id, "read")
    info = owed(kind, record_id)
    if info is None:
        raise NothingOpen()
    return {"record_kind": kind, "record_id": record_id, **info,
            "status": payment_status(info, today or date.today())}


def payments_of(kind: str, record_id: int) -> list[tuple[Payment, Decimal]]:
    """The payments settling a document, each with the part allocated to it."""
    rows = session().execute(
        select(Payment, Allocation.amount).join(Allocation)
        .where(Allocation.record_kind == kind, Allocation.record_id == record_id)
        .order_by(Payment.paid_on, Payment.id))
    return [(p, amount) for p, amount in rows]


def credit_of(party_id: int) -> dict[str, Decimal]:
    """The client's credit per currency: what its payments left unallocated."""
    credit: dict[str, Decimal] = {}
    for payment in session().scalars(select(Payment).where(Payment.party_id == party_id)):
        if payment.unallocated > 0:
            credit[payment.currency] = credit.get(payment.currency, Decimal("0.00")) + \
                payment.unallocated
    return credit


def open_documents(principal: Any, party_id: int, kind: str = "invoicing.invoice",
                   limit: int = 200) -> list[tuple[Any, dict[str, Any]]]:
    """The client's documents the principal may read with something still open, oldest
    due first, each with its ``kontora_open_amount`` answer."""
    rk = kontora().kinds.get(kind)
    if rk is None or not principal.has(rk.read_permission):
        return []
    model = rk.model
    records = session().scalars(scope(
        select(model).where(model.party_id == party_id).order_by(model.id).limit(limit),
        model, principal, prefix=rk.permission_prefix))
    found = []
    for record in records:
        info = owed(kind, record.id)
        if info is not None and info["total"] - allocated_to(kind, record.id) > 0:
            found.append((record, info))
    return sorted(found, key=lambda pair: (pair[1]["due_date"] or date.max, pair[0].id))
