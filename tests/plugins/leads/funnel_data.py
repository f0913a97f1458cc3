"""A pipeline's leads moved through dated stages, whose funnel figures are worked out by
hand in the report tests; and offered services answered as the offers plugin does."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from core import hookimpl
from core.kernel import kontora
from plugins.leads.models import Pipeline, StageEntry
from plugins.leads.seed import seed_defaults
from plugins.leads.services import create_lead, move_lead
from tests.plugins.leads.conftest import MANAGER, SALES, as_staff, make_user, reason, stage


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _lead(session, principal, title: str, budget: str, currency: str,
          moves: list[tuple[str, str | None]], dates: list[str]) -> int:
    """A lead created and moved through ``moves`` (stage, lost reason), its stage entries
    then dated ``dates`` (the creation first)."""
    lead = create_lead(principal, {"title": title, "budget": budget, "currency": currency})
    for name, why in moves:
        data: dict[str, Any] = {"stage_id": stage(name).id}
        if why:
            data["lost_reason_id"] = reason(why).id
        move_lead(principal, lead.id, data)
    entries = list(session.scalars(select(StageEntry).where(StageEntry.lead_id == lead.id)
                                   .order_by(StageEntry.id)))
    assert len(entries) == len(dates)
    for entry, when in zip(entries, dates, strict=True):
        entry.entered_at = _at(when)
    session.flush()
    return lead.id


def make_dataset(app: Any) -> tuple[int, int]:
    """Six leads; the expected figures are worked out in the report tests. Gives the
    pipeline's id and bob's (who owns one lead)."""
    with app.app_context(), kontora(app).db.unit() as s:
        seed_defaults(s)
        ann, bob = make_user("ann", MANAGER), make_user("bob", SALES)
        a, b = as_staff(ann), as_staff(bob)
        _lead(s, a, "A", "1000", "EUR", [("Qualified", None), ("Proposal", None),
                                         ("Won", None)],
              ["2026-01-05", "2026-01-20", "2026-02-03", "2026-03-01"])
        _lead(s, a, "B", "500", "EUR", [("Qualified", None), ("Lost", "Price too high")],
              ["2026-01-10", "2026-02-01", "2026-02-15"])
        _lead(s, a, "C", "200", "RON", [("Proposal", None), ("Lost", "No budget")],
              ["2026-02-02", "2026-02-20", "2026-03-05"])
        _lead(s, a, "D", "300", "EUR", [], ["2026-03-10"])
        _lead(s, a, "E", "999", "EUR", [("Qualified", None), ("Won", None)],
              ["2025-12-20", "2026-01-03", "2026-01-30"])
        _lead(s, b, "F", "100", "EUR", [], ["2026-01-15"])
        return s.scalar(select(Pipeline.id)), bob.id


class OfferedServices:
    """Answers the hook the way the offers plugin will."""

    @hookimpl
    def kontora_offered_services(self, date_from, date_to, owner_id):
        return [{"product_id": 1, "description": "Consulting", "quantity": Decimal("3"),
                 "net": Decimal("660"), "currency": "RON", "documents": 2},
                {"product_id": 1, "description": "Consulting", "quantity": Decimal("1"),
                 "net": Decimal("220"), "currency": "RON", "documents": 1}]
