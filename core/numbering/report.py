"""The gap report: every number a series issued, who holds it, and any value missing."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import select

from core.db import session
from core.numbering.models import IssuedNumber, NumberCounter, NumberSeries


@dataclass
class PeriodReport:
    """One period of a series: what was issued and what the sequence lacks."""

    period: str
    next_value: int
    issued: list[IssuedNumber] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Every value 1 .. next_value - 1 issued exactly once."""
        return not self.missing and not self.duplicates


def gap_report(series: NumberSeries) -> list[PeriodReport]:
    """Per period (newest first), the issued numbers in order and the values missing."""
    sess = session()
    counters = {c.period: c.next_value for c in sess.scalars(
        select(NumberCounter).where(NumberCounter.series_id == series.id))}
    rows = sess.scalars(select(IssuedNumber).where(IssuedNumber.series_id == series.id)
                        .order_by(IssuedNumber.period, IssuedNumber.seq)).all()
    reports: dict[str, PeriodReport] = {
        period: PeriodReport(period, next_value) for period, next_value in counters.items()}
    for row in rows:
        reports.setdefault(row.period, PeriodReport(row.period, 1)).issued.append(row)
    for report in reports.values():
        seen: set[int] = set()
        for row in report.issued:
            if row.seq in seen:
                report.duplicates.append(row.seq)
            seen.add(row.seq)
        top = max([report.next_value - 1, *seen]) if seen or report.next_value > 1 else 0
        report.missing = [n for n in range(1, top + 1) if n not in seen]
    return sorted(reports.values(), key=lambda r: r.period, reverse=True)


CSV_HEADER = ["series", "period", "seq", "number", "status", "record_kind", "record_id",
              "issued_at", "issued_by_id"]


def report_csv(series: NumberSeries) -> Iterator[str]:
    """The report as CSV lines: one per issued number, one per missing value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_HEADER)
    yield flush()
    for report in gap_report(series):
        for row in report.issued:
            writer.writerow([series.code, row.period, row.seq, row.number, "issued",
                             row.record_kind or "", row.record_id or "",
                             row.issued_at.isoformat(), row.issued_by_id or ""])
        for seq in report.missing:
            writer.writerow([series.code, report.period, seq, "", "missing", "", "", "", ""])
        yield flush()
