"""The gap report of a long series: holes found by the database, pages and CSV by keyset."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, insert

from core.kernel import kontora
from core.numbering import IssuedNumber, gap_report
from core.numbering.models import NumberCounter, NumberSeries
from core.numbering.series import series_by_code
from tests.core.web.conftest import sign_in  # noqa: F401  (a fixture)

ISSUED = 12_000
REMOVED = {1, 2, 5_000, 5_001, 5_002, 9_999, 12_000}
"""Values that vanished: at the start, a run in the middle, a single one and the last."""


@pytest.fixture
def long_app(make_app):
    app = make_app(plugins="sample")
    when = datetime(2026, 3, 1, tzinfo=UTC)
    with app.app_context(), kontora(app).db.unit() as s:
        series = NumberSeries(code="LONG", kind="sample.note", label="Long", pattern="L{seq}",
                              yearly_reset=False)
        s.add(series)
        s.flush()
        s.add(NumberCounter(series_id=series.id, period="all", next_value=ISSUED + 3))
        s.execute(insert(IssuedNumber), [
            {"series_id": series.id, "period": "all", "seq": n, "number": f"L{n}",
             "issued_at": when} for n in range(1, ISSUED + 1)])
        s.execute(delete(IssuedNumber).where(IssuedNumber.seq.in_(REMOVED)))
    return app


def test_every_missing_value_of_a_long_series_is_found(long_app):
    with long_app.app_context(), kontora(long_app).db.unit():
        [report] = gap_report(series_by_code("LONG"))
    # 12,001 and 12,002 were counted but never stored: missing as well.
    assert report.missing == sorted(REMOVED | {ISSUED + 1, ISSUED + 2})
    assert report.gaps == [(1, 2), (5_000, 5_002), (9_999, 9_999), (12_000, 12_002)]
    assert report.count == ISSUED - len(REMOVED) and report.highest == ISSUED - 1
    assert not report.complete and report.duplicates == []


def test_the_page_shows_the_summary_and_pages_the_numbers(long_app, sign_in):  # noqa: F811
    browser = sign_in("audrey", ["core.numbering.audit"])
    first = browser.get("/admin/numbering/LONG").get_data(as_text=True)
    assert "1\u20132, 5000\u20135002, 9999, 12000\u201312002" in first  # en dashes
    assert "<td>3</td>" in first and "<td>102</td>" in first and "<td>103</td>" not in first
    assert 'period=all&amp;after=102' in first
    second = browser.get("/admin/numbering/LONG?period=all&after=102").get_data(as_text=True)
    assert "<td>103</td>" in second and "<td>102</td>" not in second


def test_the_csv_lists_every_issued_and_missing_value(long_app, sign_in):  # noqa: F811
    browser = sign_in("audrey", ["core.numbering.audit"])
    response = browser.get("/admin/numbering/LONG/report.csv")
    assert response.is_streamed
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    issued = [int(r["seq"]) for r in rows if r["status"] == "issued"]
    missing = [int(r["seq"]) for r in rows if r["status"] == "missing"]
    assert issued == [n for n in range(1, ISSUED + 1) if n not in REMOVED]
    assert missing == sorted(REMOVED | {ISSUED + 1, ISSUED + 2})
    assert browser.get("/admin/numbering/NOPE/report.csv").status_code == 404
