"""Receivables: what each client owes per currency, aged by days past the due date, and
its credit; for the client profile, the report page, its exports and the API.

Documents are found through the invoice record kind (issued ones have a due date) and
read through ``kontora_open_amount``; what is open is the total minus this plugin's
allocations, the same sum the derived status uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.db import session
from core.kernel import kontora
from core.permissions import require, scope
from plugins.payments.services.allocation import allocated_to_each, owed
from plugins.payments.services.payments import credit_of

INVOICE = "invoicing.invoice"
BUCKETS = ("current", "1-30", "31-60", "61-90", "90+")


def bucket(days_late: int) -> str:
    if days_late <= 0:
        return "current"
    if days_late <= 30:
        return "1-30"
    if days_late <= 60:
        return "31-60"
    return "61-90" if days_late <= 90 else "90+"


@dataclass
class AgedRow:
    """One client's open amounts in one currency, by age."""

    party_id: int
    client: str
    currency: str
    amounts: dict[str, Decimal] = field(
        default_factory=lambda: {b: Decimal("0.00") for b in BUCKETS})

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), Decimal("0.00"))

    def as_dict(self) -> dict[str, Any]:
        return {"party_id": self.party_id, "client": self.client, "currency": self.currency,
                **{b: str(v) for b, v in self.amounts.items()}, "total": str(self.total)}


def _open_items(principal: Any, party_id: int | None = None) -> list[tuple[Any, dict, Decimal]]:
    """Every open invoice the principal may read: three statements whatever their number
    (the invoices, their clients, the allocations to them), not three per invoice."""
    rk = kontora().kinds.get(INVOICE)
    if rk is None or not principal.has(rk.read_permission):
        return []
    model = rk.model
    stmt = select(model).where(model.due_date.is_not(None)).order_by(model.id)
    if "unpaid" in rk.extra:  # the owner's own test of "something left": settled ones stay
        stmt = stmt.where(rk.extra["unpaid"](model))
    if party_id is not None:
        stmt = stmt.where(model.party_id == party_id)
    return open_items(session().scalars(
        scope(stmt, model, principal, prefix=rk.permission_prefix)
        .options(selectinload(model.party))))


def open_items(records: Any) -> list[tuple[Any, dict, Decimal]]:
    """Each invoice of ``records`` with something left to pay: the record, its
    ``kontora_open_amount`` answer and what is left after this plugin's allocations (summed
    for all of them at once, not a query per invoice)."""
    records = list(records)
    paid = allocated_to_each(INVOICE, [r.id for r in records])
    found = []
    for record in records:
        info = owed(INVOICE, record.id)
        if info is None:
            continue
        left = info["total"] - paid.get(record.id, Decimal("0.00"))
        if left > 0:
            found.append((record, info, left))
    return found


def aged_receivables(principal: Any, today: date | None = None) -> list[AgedRow]:
    """Open amounts per client and currency in the buckets current, 1-30, 31-60, 61-90 and
    90+ days past due, largest total first."""
    require(principal, "payments.read")
    today = today or date.today()
    rows: dict[tuple[int, str], AgedRow] = {}
    for record, info, left in _open_items(principal):
        key = (record.party_id, info["currency"])
        row = rows.setdefault(key, AgedRow(record.party_id, record.party.name, info["currency"]))
        row.amounts[bucket((today - info["due_date"]).days)] += left
    return sorted(rows.values(), key=lambda r: (r.currency, -r.total, r.client))


def balance_of(principal: Any, party_id: int) -> dict[str, dict[str, Decimal]]:
    """The client's open balance and credit per currency (for its profile)."""
    return balance_in(_open_items(principal, party_id), party_id)


def balance_in(items: list[tuple[Any, dict, Decimal]],
               party_id: int) -> dict[str, dict[str, Decimal]]:
    """The open balance of ``items`` and the client's credit, per currency."""
    open_: dict[str, Decimal] = {}
    for _record, info, left in items:
        open_[info["currency"]] = open_.get(info["currency"], Decimal("0.00")) + left
    return {"open": open_, "credit": credit_of(party_id)}
