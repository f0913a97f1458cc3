"""The gap report: per period how many numbers a series issued and which values are missing.

The counts and the holes are computed by the database (``LAG`` over the unique index on
``(series_id, period, seq)``), so the report costs a pass over the index, not a Python
object per number; the issued numbers themselves are read a page at a time (keyset on
``seq``) for the admin page and in batches for the CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import func, select

from core.db import session
from core.numbering.models import IssuedNumber, NumberCounter, NumberSeries

BATCH = 1000
"""Issued numbers read per statement while the CSV streams."""


@dataclass
class PeriodReport:
    """One period of a series: how much was issued and what the sequence lacks."""

    period: str
    next_value: int
    count: int = 0
    highest: int = 0
    gaps: list[tuple[int, int]] = field(default_factory=list)
    """Missing values as inclusive ranges ``(first, last)``, in order."""
    duplicates: list[int] = field(default_factory=list)

    @property
    def missing(self) -> list[int]:
        """Every missing value (the ranges of ``gaps`` spelled out)."""
        return [n for first, last in self.gaps for n in range(first, last + 1)]

    @property
    def complete(self) -> bool:
        """Every value 1 .. next_value - 1 issued exactly once."""
        return not self.gaps and not self.duplicates


def gap_report(series: NumberSeries) -> list[PeriodReport]:
    """Per period (newest first): counts, the missing ranges and any duplicate value."""
    sess = session()
    of_series = IssuedNumber.series_id == series.id
    reports = {c.period: PeriodReport(c.period, c.next_value) for c in sess.scalars(
        select(NumberCounter).where(NumberCounter.series_id == series.id))}
    for period, count, highest in sess.execute(
            select(IssuedNumber.period, func.count(), func.max(IssuedNumber.seq))
            .where(of_series).group_by(IssuedNumber.period)):
        report = reports.setdefault(period, PeriodReport(period, 1))
        report.count, report.highest = count, highest
    previous = func.lag(IssuedNumber.seq, 1, 0).over(
        partition_by=IssuedNumber.period, order_by=IssuedNumber.seq)
    steps = select(IssuedNumber.period, IssuedNumber.seq, previous.label("previous")) \
        .where(of_series).subquery()
    for period, seq, before in sess.execute(
            select(steps.c.period, steps.c.seq, steps.c.previous)
            .where(steps.c.seq - steps.c.previous > 1)
            .order_by(steps.c.period, steps.c.seq)):
        reports[period].gaps.append((before + 1, seq - 1))
    for period, seq in sess.execute(
            select(IssuedNumber.period, IssuedNumber.seq).where(of_series)
            .group_by(IssuedNumber.period, IssuedNumber.seq).having(func.count() > 1)
            .order_by(IssuedNumber.period, IssuedNumber.seq)):
        reports[period].duplicates.append(seq)
    for report in reports.values():
        if report.next_value - 1 > report.highest:  # counted by the counter, never stored
            report.gaps.append((report.highest + 1, report.next_value - 1))
    return sorted(reports.values(), key=lambda r: r.period, reverse=True)


def issued_page(series: NumberSeries, period: str, after: int = 0,
                limit: int | None = 100) -> list[IssuedNumber]:
    """The issued numbers of ``period`` with ``seq`` above ``after``, in order (keyset);
    ``limit=None`` reads them all."""
    return list(session().scalars(
        select(IssuedNumber)
        .where(IssuedNumber.series_id == series.id, IssuedNumber.period == period,
               IssuedNumber.seq > after)
        .order_by(IssuedNumber.seq).limit(limit)))


CSV_HEADER = ["series", "period", "seq", "number", "status", "record_kind", "record_id",
              "issued_at", "issued_by_id"]


def report_csv(series: NumberSeries) -> Iterator[str]:
    """The report as CSV text chunks: a line per issued number, one per missing value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_HEADER)
    yield flush()
    columns = (IssuedNumber.seq, IssuedNumber.number, IssuedNumber.record_kind,
               IssuedNumber.record_id, IssuedNumber.issued_at, IssuedNumber.issued_by_id)
    for report in gap_report(series):
        after = 0
        while batch := session().execute(  # plain rows: nothing accumulates in the session
                select(*columns)
                .where(IssuedNumber.series_id == series.id,
                       IssuedNumber.period == report.period, IssuedNumber.seq > after)
                .order_by(IssuedNumber.seq).limit(BATCH)).all():
            for seq, number, record_kind, record_id, issued_at, issued_by_id in batch:
                writer.writerow([series.code, report.period, seq, number, "issued",
                                 record_kind or "", record_id or "",
                                 issued_at.isoformat(), issued_by_id or ""])
            after = batch[-1].seq
            yield flush()
        for seq in report.missing:
            writer.writerow([series.code, report.period, seq, "", "missing", "", "", "", ""])
        yield flush()
