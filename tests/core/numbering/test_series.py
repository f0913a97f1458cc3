"""Series: patterns, yearly periods, rollback, seeding from plugins, the gap report, pages, API."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import delete

from core.errors import NotFound, ValidationError
from core.kernel import kontora
from core.numbering import IssuedNumber, gap_report, next_number
from core.numbering.models import NumberSeries
from core.numbering.patterns import check_pattern
from core.numbering.report import issued_page
from core.numbering.series import seed_series, series_by_code
from tests.core.api.support import bearer, make_user
from tests.core.web.conftest import sign_in  # noqa: F401  (a fixture)


@pytest.fixture
def num_app(make_app):
    return make_app(plugins="sample")


@pytest.fixture
def unit(num_app):
    from contextlib import contextmanager

    @contextmanager
    def make():
        with num_app.app_context(), kontora(num_app).db.unit() as s:
            yield s

    return make


def test_pattern_checks(num_app):
    with num_app.app_context():
        assert check_pattern("OF-{year}-{seq:05d}", yearly_reset=True) == []
        assert check_pattern("OF-{seq}", yearly_reset=True)  # yearly needs {year}
        assert check_pattern("OF-{year}", yearly_reset=False)  # no {seq}
        assert check_pattern("{seq}{user.__class__}", yearly_reset=False)
        assert check_pattern("{seq:zz}", yearly_reset=False)
        assert check_pattern("{seq", yearly_reset=False)


def test_default_series_are_seeded_once_and_admin_edits_stay(unit):
    with unit() as s:
        seed_series(s, kontora().collect("kontora_number_series"))
        series = series_by_code("NOTE")
        assert series.pattern == "N-{year}-{seq:04d}"
        series.pattern = "NT/{year}/{seq}"
    with unit() as s:
        assert seed_series(s, kontora().collect("kontora_number_series")) == []
        assert series_by_code("NOTE").pattern == "NT/{year}/{seq}"


def test_numbers_restart_every_year_and_a_rollback_consumes_nothing(unit):
    with unit() as s:
        seed_series(s, kontora().collect("kontora_number_series"))
    y2025, y2026 = datetime(2025, 12, 31, 12, tzinfo=UTC), datetime(2026, 1, 1, 12, tzinfo=UTC)
    with unit():
        assert next_number("NOTE", when=y2025) == "N-2025-0001"
        assert next_number("NOTE", when=y2025, record_kind="sample.note",
                           record_id=7) == "N-2025-0002"
        assert next_number("NOTE", when=y2026) == "N-2026-0001"
    with pytest.raises(RuntimeError), unit():
        assert next_number("NOTE", when=y2026) == "N-2026-0002"
        raise RuntimeError("the issue failed")
    with unit():
        assert next_number("NOTE", when=y2026) == "N-2026-0002"
        reports = {r.period: r for r in gap_report(series_by_code("NOTE"))}
        assert reports["2025"].complete and reports["2026"].complete
        assert [(n.number, n.record_id)
                for n in issued_page(series_by_code("NOTE"), "2025")] == [
            ("N-2025-0001", None), ("N-2025-0002", 7)]


def test_unknown_or_inactive_series_is_a_clear_error(unit):
    with unit() as s:
        s.add(NumberSeries(code="OFF", kind="sample.note", label="Off", pattern="{seq}",
                           yearly_reset=False, active=False))
    with pytest.raises(NotFound, match="NOPE"), unit():
        next_number("NOPE")
    with pytest.raises(NotFound, match="not active"), unit():
        next_number("OFF")


def test_the_gap_report_lists_a_missing_number(unit, num_app, sign_in):  # noqa: F811
    with unit() as s:
        s.add(NumberSeries(code="GAP", kind="sample.note", label="Gaps", pattern="G{seq}",
                           yearly_reset=False))
    with unit():
        for _ in range(3):
            next_number("GAP")
    with unit() as s:  # what an auditor must catch: a number vanished
        s.execute(delete(IssuedNumber).where(IssuedNumber.number == "G2"))
    with unit():
        [report] = gap_report(series_by_code("GAP"))
        assert report.missing == [2] and not report.complete

    browser = sign_in("audrey", ["core.numbering.audit"])
    page = browser.get("/admin/numbering/GAP").get_data(as_text=True)
    assert "G1" in page and "G3" in page and "Missing" in page
    csv_text = browser.get("/admin/numbering/GAP/report.csv").get_data(as_text=True)
    assert "GAP,all,2,,missing" in csv_text and "GAP,all,3,G3,issued" in csv_text
    assert browser.post("/admin/numbering/", {"code": "X", "kind": "k", "label": "l",
                                              "pattern": "{seq}"}).status_code == 403


def test_series_admin_page_and_api(unit, num_app, sign_in):  # noqa: F811
    browser = sign_in("ada", ["core.numbering.admin", "core.numbering.audit"])
    bad = browser.post("/admin/numbering/", {"code": "INV", "kind": "sample.note",
                                             "label": "Invoices", "pattern": "INV-{seq}",
                                             "yearly_reset": "on", "active": "on"})
    assert bad.status_code == 422 and "needs {year}" in bad.get_data(as_text=True)
    good = browser.post("/admin/numbering/", {"code": "INV", "kind": "sample.note",
                                              "label": "Invoices",
                                              "pattern": "INV-{year}-{seq:03d}",
                                              "yearly_reset": "on", "active": "on"})
    assert good.status_code == 302

    with unit():
        headers = bearer(make_user("api", ["core.numbering.admin", "core.numbering.audit"]))
    client = num_app.test_client()
    listed = client.get("/api/v1/numbering/series", headers=headers).get_json()
    assert [s["code"] for s in listed["items"]] == ["INV"]
    created = client.post("/api/v1/numbering/series", headers=headers,
                          json={"code": "Q", "kind": "sample.note", "label": "Q",
                                "pattern": "{seq}{nope}", "yearly_reset": False})
    assert created.status_code == 422 and "pattern" in created.get_json()["fields"]
    with unit():
        next_number("INV")
    changed = client.patch("/api/v1/numbering/series/INV", headers=headers,
                           json={"yearly_reset": False, "pattern": "INV-{seq}"})
    assert changed.status_code == 409
    report = client.get("/api/v1/numbering/series/INV/report", headers=headers).get_json()
    assert report["periods"][0]["complete"] is True
    assert report["periods"][0]["issued"][0]["number"].startswith("INV-")


def test_bad_input_is_a_field_error(unit):
    from core.numbering.series import create_series
    from tests.core.api.support import principal_of

    with pytest.raises(ValidationError) as caught, unit():
        create_series(principal_of(make_user("x", ["core.numbering.admin"])),
                      {"code": "bad code!", "kind": "", "label": "", "pattern": ""})
    assert {"code", "kind", "label", "pattern"} <= set(caught.value.fields)
