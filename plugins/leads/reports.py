"""The sales funnel of one pipeline over a period, from the stage history.

Every figure is read from :class:`StageEntry` rows (one per stage a lead entered), limited
to the leads the reader may see. Definitions, so the numbers can be checked by hand:

- **entering** a stage: distinct leads with an entry into it in the period (by month too);
- **value**: the sum, per currency, of those leads' budgets when they entered it;
- **reached**: a lead reaches step *i* of the funnel (the open stages in order, then the
  won stage) when, in the period, it entered step *i* or any later step; the
  **conversion** from a step to the next is reached(next) / reached(step);
- **where lost**: for each entry into a lost stage in the period, the stage entered just
  before it; **why**: the lost reason kept on that entry.

Days and months are those of the installation's time zone (`KONTORA_TIMEZONE`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from core.api.blueprint import MAX_RECORD_ID, is_whole_number
from core.db import session
from core.errors import NotFound, ValidationError
from core.i18n import gettext as _
from core.kernel import kontora
from core.permissions import require, scope
from plugins.leads.models import Lead, LostReason, Pipeline, Stage, StageEntry
from plugins.leads.services.pipelines import pipelines


@dataclass
class Funnel:
    pipeline: Pipeline
    date_from: date
    date_to: date
    steps: list[Stage]
    months: list[str]
    entering: dict[int, int] = field(default_factory=dict)
    by_month: dict[str, dict[int, int]] = field(default_factory=dict)
    value: dict[int, dict[str, Decimal]] = field(default_factory=dict)
    reached: dict[int, int] = field(default_factory=dict)
    conversion: list[tuple[Stage, Stage, Decimal | None]] = field(default_factory=list)
    lost_where: list[tuple[str, int]] = field(default_factory=list)
    lost_why: list[tuple[str, int]] = field(default_factory=list)

    @property
    def stages(self) -> list[Stage]:
        return list(self.pipeline.stages)


ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def default_period(today: date) -> tuple[date, date]:
    """The last twelve calendar months, this one included."""
    start = date(today.year - 1, today.month, 1)
    start = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return start, today


def funnel_filters(args: Mapping[str, str], today: date) -> dict[str, Any]:
    """The report's filters from a query string (the page's and the API's): ``date_from``,
    ``date_to`` (default the last twelve months), ``pipeline_id`` (default the default
    pipeline; ``pipeline`` is None when none is set up) and ``owner_id``. Bad values are
    field errors."""
    errors: dict[str, list[str]] = {}
    start, end = default_period(today)
    values: dict[str, Any] = {"date_from": start, "date_to": end, "owner_id": None}
    for key in ("date_from", "date_to"):
        text = args.get(key, "").strip()
        if text:
            try:  # fromisoformat alone also takes 20260101 and 2026-W01-1
                if not ISO_DATE.match(text):
                    raise ValueError(text)
                values[key] = date.fromisoformat(text)
            except ValueError:
                errors[key] = [_("Give a date as YYYY-MM-DD.")]
    if not errors and values["date_from"] > values["date_to"]:
        errors["date_to"] = [_("The end comes before the start.")]
    if not errors and (values["date_to"] - values["date_from"]).days > 3660:
        errors["date_from"] = [_("Choose at most ten years.")]
    every = pipelines()
    chosen = args.get("pipeline_id", "").strip()
    values["pipeline"] = next((p for p in every if str(p.id) == chosen), None) if chosen \
        else next((p for p in every if p.is_default), every[0] if every else None)
    if chosen and values["pipeline"] is None:
        errors["pipeline_id"] = [_("There is no such pipeline.")]
    owner = args.get("owner_id", "").strip()
    if owner:
        if is_whole_number(owner) and 0 < int(owner) <= MAX_RECORD_ID:
            values["owner_id"] = int(owner)
        else:
            errors["owner_id"] = [_("Give the id of a user.")]
    if errors:
        raise ValidationError(_("Please correct the marked fields."), fields=errors)
    return values


def funnel(principal: Any, pipeline_id: int, date_from: date, date_to: date,
           owner_id: int | None = None) -> Funnel:
    require(principal, "leads.reports")
    pipeline = session().get(Pipeline, pipeline_id)
    if pipeline is None:

        raise NotFound(_("There is no such pipeline."))
    zone = _zone()
    start = datetime.combine(date_from, time.min, zone)
    end = datetime.combine(date_to + timedelta(days=1), time.min, zone)
    stmt = (select(StageEntry.lead_id, StageEntry.stage_id, StageEntry.entered_at,
                   StageEntry.budget, StageEntry.currency, StageEntry.lost_reason_id,
                   StageEntry.id)
            .join(Lead, Lead.id == StageEntry.lead_id)
            .where(StageEntry.pipeline_id == pipeline.id, StageEntry.entered_at >= start,
                   StageEntry.entered_at < end))
    if owner_id is not None:
        stmt = stmt.where(Lead.owner_id == owner_id)
    rows = list(session().execute(scope(stmt, Lead, principal)
                                  .order_by(StageEntry.entered_at, StageEntry.id)))
    steps = [s for s in pipeline.stages if not s.is_closed]
    won = next((s for s in pipeline.stages if s.is_won), None)
    if won is not None:
        steps.append(won)
    report = Funnel(pipeline=pipeline, date_from=date_from, date_to=date_to, steps=steps,
                    months=_months(date_from, date_to))
    _entering(report, rows)
    _reached(report, rows)
    _lost(report, rows)
    return report


def _months(date_from: date, date_to: date) -> list[str]:
    months, year, month = [], date_from.year, date_from.month
    while (year, month) <= (date_to.year, date_to.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = year + (month == 12), month % 12 + 1
    return months


def _zone() -> ZoneInfo:
    """The installation's time zone: a report's days and months are the company's own, as
    its default period (``core.jobs.clock.today``) is."""
    return ZoneInfo(kontora().settings.timezone)


def _month(moment: datetime) -> str:
    if moment.tzinfo is None:  # SQLite hands back naive UTC
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    moment = moment.astimezone(_zone())
    return f"{moment.year:04d}-{moment.month:02d}"


def _entering(report: Funnel, rows: list[Any]) -> None:
    leads: dict[int, set[int]] = defaultdict(set)
    monthly: dict[str, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    last_budget: dict[tuple[int, int], tuple[Decimal | None, str]] = {}
    for row in rows:
        leads[row.stage_id].add(row.lead_id)
        monthly[_month(row.entered_at)][row.stage_id].add(row.lead_id)
        last_budget[(row.stage_id, row.lead_id)] = (row.budget, row.currency)
    report.entering = {stage.id: len(leads.get(stage.id, ())) for stage in report.stages}
    report.by_month = {m: {stage.id: len(monthly[m].get(stage.id, ())) for stage in
                           report.stages} for m in report.months}
    for stage in report.stages:
        sums: dict[str, Decimal] = defaultdict(Decimal)
        for (stage_id, _lead), (budget, currency) in last_budget.items():
            if stage_id == stage.id and budget is not None:
                sums[currency] += budget
        report.value[stage.id] = dict(sorted(sums.items()))


def _reached(report: Funnel, rows: list[Any]) -> None:
    index = {stage.id: n for n, stage in enumerate(report.steps)}
    furthest: dict[int, int] = {}
    for row in rows:
        if row.stage_id in index:
            furthest[row.lead_id] = max(furthest.get(row.lead_id, -1), index[row.stage_id])
    report.reached = {stage.id: sum(1 for f in furthest.values() if f >= n)
                      for n, stage in enumerate(report.steps)}
    for before, after in zip(report.steps, report.steps[1:], strict=False):
        base = report.reached[before.id]
        rate = (Decimal(report.reached[after.id]) * 100 / base).quantize(Decimal("0.1")) \
            if base else None
        report.conversion.append((before, after, rate))


def _lost(report: Funnel, rows: list[Any]) -> None:
    lost_ids = {s.id for s in report.stages if s.is_lost}
    lost_rows = [r for r in rows if r.stage_id in lost_ids]
    if not lost_rows:
        return
    history: dict[int, list[Any]] = defaultdict(list)
    for entry in session().execute(
            select(StageEntry.lead_id, StageEntry.stage_id, StageEntry.id)
            .where(StageEntry.lead_id.in_({r.lead_id for r in lost_rows}))
            .order_by(StageEntry.entered_at, StageEntry.id)):
        history[entry.lead_id].append(entry)
    names = {s.id: s.name for s in session().scalars(select(Stage))}
    reasons = {r.id: r.name for r in session().scalars(select(LostReason))}
    where: Counter[str] = Counter()
    why: Counter[str] = Counter()
    for row in lost_rows:
        entries = history[row.lead_id]
        position = next(n for n, e in enumerate(entries) if e.id == row.id)
        where[names.get(entries[position - 1].stage_id, "?") if position else "-"] += 1
        why[reasons.get(row.lost_reason_id, "-")] += 1
    report.lost_where = sorted(where.items(), key=lambda x: (-x[1], x[0]))
    report.lost_why = sorted(why.items(), key=lambda x: (-x[1], x[0]))


def offered_services(principal: Any, date_from: date, date_to: date,
                     owner_id: int | None = None) -> list[dict[str, Any]]:
    """What plugins say was offered (``kontora_offered_services``), summed per product and
    currency, most sold first."""

    require(principal, "leads.reports")
    totals: dict[tuple[Any, str, str], dict[str, Any]] = {}
    for item in kontora().collect("kontora_offered_services", date_from=date_from,
                                  date_to=date_to, owner_id=owner_id):
        key = (item.get("product_id"), str(item.get("description", "")), item["currency"])
        row = totals.setdefault(key, {"product_id": key[0], "description": key[1],
                                      "currency": key[2], "quantity": Decimal(0),
                                      "net": Decimal(0), "documents": 0})
        row["quantity"] += Decimal(item.get("quantity") or 0)
        row["net"] += Decimal(item.get("net") or 0)
        row["documents"] += int(item.get("documents") or 0)
    return sorted(totals.values(), key=lambda r: (r["currency"], -r["net"], r["description"]))
