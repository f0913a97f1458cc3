"""Allocating money to documents through the kernel, exact to the cent and under locks.

The documents belong to another plugin (``invoicing``): they are locked through their
record kind's model, read through ``kontora_open_amount`` and told their new paid sum
through ``kontora_record_paid``, so this module imports nothing of invoicing. The paid
sum is always recomputed from this plugin's allocations, the one source of truth.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from core.db import session
from core.errors import Forbidden, NotFound
from core.i18n import gettext as _
from core.kernel import kontora
from core.services import load_record, lock_record
from plugins.payments.exceptions import InvalidPayment
from plugins.payments.models import Allocation, Payment

ZERO = Decimal("0.00")


def owed(kind: str, record_id: int) -> dict[str, Any] | None:
    """The owner's answer to ``kontora_open_amount`` (``None``: nothing payable)."""
    return kontora().pm.hook.kontora_open_amount(kind=kind, record_id=record_id)


def allocated_to(kind: str, record_id: int) -> Decimal:
    total = session().scalar(select(func.coalesce(func.sum(Allocation.amount), 0))
                             .where(Allocation.record_kind == kind,
                                    Allocation.record_id == record_id))
    return Decimal(total).quantize(Decimal("0.01"))


def allocated_to_each(kind: str, record_ids: list[int]) -> dict[int, Decimal]:
    """What was allocated to each of ``record_ids`` (those with nothing are left out), in
    batches of one statement per thousand records."""
    paid: dict[int, Decimal] = {}
    for start in range(0, len(record_ids), 1000):
        batch = record_ids[start:start + 1000]
        for record_id, total in session().execute(
                select(Allocation.record_id, func.sum(Allocation.amount))
                .where(Allocation.record_kind == kind, Allocation.record_id.in_(batch))
                .group_by(Allocation.record_id)):
            paid[record_id] = Decimal(total).quantize(Decimal("0.01"))
    return paid


def lock_document(kind: str, record_id: int) -> Any:
    """Lock the document's row until the transaction ends (concurrent payments of it wait
    here and then see what the first one allocated)."""
    rk = kontora().kinds.get(kind)
    record = lock_record(rk.model, record_id) if rk is not None else None
    if record is None:
        raise _no_document(kind, record_id)
    return record


def settle(kind: str, record_id: int) -> None:
    """Tell the owner the document's paid sum: every allocation to it."""
    session().flush()
    kontora().pm.hook.kontora_record_paid(kind=kind, record_id=record_id,
                                          paid=allocated_to(kind, record_id))


def allocate(principal: Any, payment: Payment,
             wanted: Iterable[dict[str, Any]]) -> list[Allocation]:
    """Allocate parts of ``payment`` to documents of its client and currency.

    Each item is ``{"record_kind", "record_id", "amount" or None}``; ``None`` takes what is
    open, up to what is left of the payment. Documents are locked in a fixed order (no
    deadlock between two payments naming the same two invoices), then checked against
    what is open after every earlier allocation. ``principal`` ``None`` is a provider's
    confirmation (no record rules apply). What no document takes stays as credit.
    """
    items = list(wanted)
    for item in sorted(items, key=lambda i: (i["record_kind"], i["record_id"])):
        if principal is not None:
            _readable(principal, item["record_kind"], item["record_id"])
        record = lock_document(item["record_kind"], item["record_id"])
        if getattr(record, "party_id", None) != payment.party_id:
            raise InvalidPayment({"allocations": [
                _("Document %(id)s belongs to another client.", id=item["record_id"])]})
    left = payment.unallocated
    made = []
    for item in items:
        kind, record_id = item["record_kind"], item["record_id"]
        info = owed(kind, record_id)
        if info is None:
            raise InvalidPayment({"allocations": [
                _("Document %(id)s is not an issued invoice.", id=record_id)]})
        if info["currency"] != payment.currency:
            raise InvalidPayment({"allocations": [
                _("Document %(id)s is in %(currency)s.", id=record_id,
                  currency=info["currency"])]})
        open_now = info["total"] - allocated_to(kind, record_id)
        amount = item.get("amount")
        if amount is None:
            amount = min(open_now, left)
        if amount <= ZERO:
            raise InvalidPayment({"allocations": [
                _("Nothing is left to allocate to document %(id)s.", id=record_id)]})
        if amount > open_now:
            raise InvalidPayment({"allocations": [
                _("Only %(open)s %(currency)s is open on document %(id)s.",
                  open=open_now, currency=payment.currency, id=record_id)]})
        if amount > left:
            raise InvalidPayment({"allocations": [
                _("Only %(left)s %(currency)s of the payment is left to allocate.",
                  left=left, currency=payment.currency)]})
        allocation = next((a for a in payment.allocations
                           if (a.record_kind, a.record_id) == (kind, record_id)), None)
        if allocation is None:  # more credit to a document already settled in part grows it
            allocation = Allocation(record_kind=kind, record_id=record_id, amount=amount)
            payment.allocations.append(allocation)
        else:
            allocation.amount += amount
        session().flush()
        settle(kind, record_id)
        left -= amount
        made.append(allocation)
    return made


def _readable(principal: Any, kind: str, record_id: int) -> None:
    try:
        load_record(principal, kind, record_id, "read")
    except (NotFound, Forbidden):
        raise _no_document(kind, record_id) from None


def _no_document(kind: str, record_id: int) -> InvalidPayment:
    return InvalidPayment({"allocations": [
        _("There is no document %(id)s to pay.", id=record_id)]})


def described(allocations: Iterable[Allocation]) -> list[dict[str, str | int]]:
    """Allocations as plain data, for signals."""
    return [{"record_kind": a.record_kind, "record_id": a.record_id, "amount": str(a.amount)}
            for a in allocations]
