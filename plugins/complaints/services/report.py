"""The complaints report: how many, how many resolved and how fast, by product, client or
cause.

Counted in the database over the complaints the principal may read (record rules apply),
received within the dates given. The resolution time of a complaint is from its receipt
(``created_at``) to ``resolved_at``; the report gives the average and the longest in days,
computed in Python from the resolved rows so SQLite and PostgreSQL agree to the hour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from core.db import session
from core.i18n import gettext as _
from core.permissions import scope
from core.services import service, validate
from plugins.catalog.models import Product
from plugins.complaints.exceptions import InvalidComplaintData
from plugins.complaints.models import Complaint
from plugins.complaints.schemas import ReportQuerySchema
from plugins.complaints.workflow import CAUSES, OPEN, label
from plugins.parties.models import Client

DIMENSIONS = ("product", "client", "cause")
DAY = timedelta(days=1)


@dataclass
class ReportRow:
    key: Any
    label: str
    count: int = 0
    open: int = 0
    accepted: int = 0
    rejected: int = 0
    resolved: int = 0
    durations: list[timedelta] = field(default_factory=list, repr=False)

    @property
    def average_days(self) -> float | None:
        if not self.durations:
            return None
        return round(sum(self.durations, timedelta()) / DAY / len(self.durations), 1)

    @property
    def longest_days(self) -> float | None:
        return round(max(self.durations) / DAY, 1) if self.durations else None

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "count": self.count, "open": self.open,
                "accepted": self.accepted, "rejected": self.rejected,
                "resolved": self.resolved, "average_resolution_days": self.average_days,
                "longest_resolution_days": self.longest_days}


@service("complaints.read")
def complaints_report(principal: Any, by: str, query: Any = None) -> list[ReportRow]:
    """Rows per product, client or cause, the most complained-about first."""
    if by not in DIMENSIONS:
        raise InvalidComplaintData({"by": [_("Choose product, client or cause.")]})
    values = validate(ReportQuerySchema(), query or {})
    key_column = {"product": Complaint.product_id, "client": Complaint.party_id,
                  "cause": Complaint.cause}[by]
    stmt = select(key_column, Complaint.status, Complaint.created_at, Complaint.resolved_at)
    if values["received_from"]:
        stmt = stmt.where(Complaint.created_at >= _start(values["received_from"]))
    if values["received_until"]:
        stmt = stmt.where(Complaint.created_at < _start(values["received_until"]) + DAY)
    rows: dict[Any, ReportRow] = {}
    for key, status, created, resolved in session().execute(
            scope(stmt, Complaint, principal, prefix="complaints")):
        row = rows.setdefault(key, ReportRow(key=key, label=""))
        row.count += 1
        row.open += status in OPEN
        row.accepted += status == "accepted"
        row.rejected += status == "rejected"
        if status == "resolved":
            row.resolved += 1
            if resolved is not None and created is not None:
                row.durations.append(_aware(resolved) - _aware(created))
    _label(by, rows)
    return sorted(rows.values(), key=lambda r: (-r.count, r.label))


def _start(day: Any) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _label(by: str, rows: dict[Any, ReportRow]) -> None:
    if by == "cause":
        for row in rows.values():
            row.label = label(CAUSES, row.key)
        return
    model = Product if by == "product" else Client
    ids = [k for k in rows if k is not None]
    names: dict[Any, str] = {}
    if ids:
        names = {i: n for i, n in session().execute(
            select(model.id, model.name).where(model.id.in_(ids)))}
    for row in rows.values():
        row.label = names.get(row.key) or (_("No product") if row.key is None else f"#{row.key}")
