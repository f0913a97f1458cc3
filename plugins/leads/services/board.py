"""What the kanban board reads: a page of a stage's leads and each stage's count and totals.

The web board and the API (``/api/v1/leads.lead/board``, and the generic list with
``stage_id`` and ``sort=-stage_entered_at``) read through here, so both show the same
cards in the same order under the same record rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from core.db import session
from core.listing import Page, list_records
from core.permissions import require, scope
from plugins.leads.kinds import LEAD_KIND
from plugins.leads.models import Lead

PAGE = 25
"""Cards a column shows at first and adds per "Show more"."""
COLUMN_SORT = "-stage_entered_at"
"""Latest arrivals in the stage first (``ix_leads_lead_stage_entered`` serves the range)."""


@dataclass
class ColumnSummary:
    """Every lead of a column, not only the cards shown: how many, and budgets per currency
    (amounts in different currencies are never added up)."""

    count: int = 0
    totals: dict[str, Decimal] = field(default_factory=dict)


def column_page(principal: Any, stage_id: int, owner_id: int | None = None,
                cursor: str | None = None, limit: int = PAGE) -> Page:
    """One keyset page of a stage's leads, latest arrivals first, through the generic
    listing (record rules, signed cursors): what the API's list gives for the same query."""
    filters: dict[str, Any] = {"stage_id": stage_id}
    if owner_id is not None:
        filters["owner_id"] = owner_id
    return list_records(principal, LEAD_KIND, filters=filters, sort=COLUMN_SORT,
                        cursor=cursor, limit=limit)


def column_summaries(principal: Any, stage_ids: list[int],
                     owner_id: int | None = None) -> dict[int, ColumnSummary]:
    """Count and budgets per currency of every readable lead in each stage: one aggregate,
    whatever the number of leads."""
    require(principal, "leads.read")
    stmt = (select(Lead.stage_id, Lead.currency, func.count(), func.sum(Lead.budget))
            .where(Lead.stage_id.in_(stage_ids))
            .group_by(Lead.stage_id, Lead.currency))
    if owner_id is not None:
        stmt = stmt.where(Lead.owner_id == owner_id)
    summaries = {stage_id: ColumnSummary() for stage_id in stage_ids}
    for stage_id, currency, count, amount in session().execute(scope(stmt, Lead, principal)):
        summary = summaries[stage_id]
        summary.count += count
        if amount is not None:
            summary.totals[currency] = amount
    return summaries
