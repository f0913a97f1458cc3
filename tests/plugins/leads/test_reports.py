"""The sales funnel checked against a dataset computed by hand, the page, CSV, offered
services through the hook."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from core.errors import Forbidden
from core.jobs import clock
from core.kernel import kontora
from plugins.leads.models import Pipeline, StageEntry
from plugins.leads.reports import funnel, funnel_filters, offered_services
from plugins.leads.seed import seed_defaults
from plugins.leads.services import create_lead
from tests.plugins.leads.conftest import MANAGER, SALES, as_staff, make_user
from tests.plugins.leads.funnel_data import OfferedServices, make_dataset

JAN, MAR_END = date(2026, 1, 1), date(2026, 3, 31)


@pytest.fixture
def dataset(app):
    return make_dataset(app)


def test_funnel_figures_match_the_hand_computed_ones(app, dataset):
    pipeline_id, bob_id = dataset
    with app.app_context(), kontora(app).db.unit():
        boss = as_staff(make_user("boss", MANAGER))
        report = funnel(boss, pipeline_id, JAN, MAR_END)
        by_name = {s.name: s.id for s in report.stages}

        def per_stage(values: dict[int, Any]) -> dict[str, Any]:
            return {name: values[sid] for name, sid in by_name.items()}

        # entering in Jan-Mar (E's "New" was in December)
        assert per_stage(report.entering) == {"New": 5, "Qualified": 3, "Proposal": 2,
                                              "Negotiation": 0, "Won": 2, "Lost": 2}
        assert per_stage(report.value) == {
            "New": {"EUR": Decimal("1900.00"), "RON": Decimal("200.00")},
            "Qualified": {"EUR": Decimal("2499.00")},
            "Proposal": {"EUR": Decimal("1000.00"), "RON": Decimal("200.00")},
            "Negotiation": {}, "Won": {"EUR": Decimal("1999.00")},
            "Lost": {"EUR": Decimal("500.00"), "RON": Decimal("200.00")}}
        assert report.months == ["2026-01", "2026-02", "2026-03"]
        assert {m: {k: v for k, v in per_stage(c).items() if v}
                for m, c in report.by_month.items()} == {
            "2026-01": {"New": 3, "Qualified": 2, "Won": 1},
            "2026-02": {"New": 1, "Qualified": 1, "Proposal": 2, "Lost": 1},
            "2026-03": {"New": 1, "Won": 1, "Lost": 1}}
        # furthest step reached: A, E won; C proposal; B qualified; D, F new
        assert [report.reached[s.id] for s in report.steps] == [6, 4, 3, 2, 2]
        assert [(x.name, y.name, r) for x, y, r in report.conversion] == [
            ("New", "Qualified", Decimal("66.7")), ("Qualified", "Proposal", Decimal("75.0")),
            ("Proposal", "Negotiation", Decimal("66.7")),
            ("Negotiation", "Won", Decimal("100.0"))]
        assert report.lost_where == [("Proposal", 1), ("Qualified", 1)]
        assert report.lost_why == [("No budget", 1), ("Price too high", 1)]
        only_bob = funnel(boss, pipeline_id, JAN, MAR_END, owner_id=bob_id)
        assert {s.name: only_bob.entering[s.id] for s in only_bob.stages if
                only_bob.entering[s.id]} == {"New": 1}
        february = funnel(boss, pipeline_id, date(2026, 2, 1), date(2026, 2, 28))
        assert february.entering[by_name["Proposal"]] == 2
        assert february.entering[by_name["New"]] == 1


def test_the_report_needs_its_permission_and_keeps_record_rules(app, dataset):
    pipeline_id, _bob = dataset
    with app.app_context(), kontora(app).db.unit():
        with pytest.raises(Forbidden):
            funnel(as_staff(make_user("cid", SALES)), pipeline_id, JAN, MAR_END)
        own = as_staff(make_user("own", [*MANAGER], scope="own"))
        assert sum(funnel(own, pipeline_id, JAN, MAR_END).entering.values()) == 0


def test_page_charts_csv_and_offered_services(app, dataset, sign_in):
    kontora(app).pm.register(OfferedServices())
    with app.app_context(), kontora(app).db.unit():
        boss = as_staff(make_user("boss", MANAGER))
        assert offered_services(boss, JAN, MAR_END) == [{
            "product_id": 1, "description": "Consulting", "currency": "RON",
            "quantity": Decimal("4"), "net": Decimal("880"), "documents": 3}]
    browser = sign_in("viewer", MANAGER)
    page = browser.get("/leads/reports?date_from=2026-01-01&date_to=2026-03-31")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "chart.umd.min.js" in text and 'id="funnel-data"' in text and "Consulting" in text
    assert "66.7%" in text
    bad = browser.get("/leads/reports?date_from=2026-13-01&date_to=x")
    assert bad.status_code == 422
    exported = browser.get("/leads/reports/funnel.csv?date_from=2026-01-01&date_to=2026-03-31")
    assert exported.status_code == 200 and exported.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["section", "month", "stage", "leads", "value", "currency", "percent"]
    assert ["entering", "", "New", "5", "1900.00", "EUR", ""] in rows
    assert ["conversion", "", "Qualified -> Proposal", "3", "", "", "75.0"] in rows
    assert ["lost_why", "", "No budget", "1", "", "", ""] in rows
    assert ["offered", "", "Consulting", "3", "880", "RON", ""] in rows
    assert sign_in("seller", SALES).get("/leads/reports").status_code == 403
    assert browser.get("/leads/reports/funnel.csv?date_from=bad").status_code == 422


def test_days_and_months_are_the_company_s_own(app):
    """A lead entering at 23:30 UTC on 28 February is in March for a company in Bucharest
    (UTC+2, the default zone): in March's period and month, not February's; the default
    period ends on the company's today."""
    with app.app_context(), kontora(app).db.unit() as s:
        seed_defaults(s)
        boss = as_staff(make_user("boss", MANAGER))
        lead_id = create_lead(boss, {"title": "Late", "budget": "10", "currency": "EUR"}).id
        entry = s.scalars(select(StageEntry).where(StageEntry.lead_id == lead_id)).one()
        entry.entered_at = datetime(2026, 2, 28, 23, 30, tzinfo=UTC)
        s.flush()
        pipeline_id = s.scalar(select(Pipeline.id))
        march = funnel(boss, pipeline_id, date(2026, 3, 1), date(2026, 3, 31))
        february = funnel(boss, pipeline_id, date(2026, 2, 1), date(2026, 2, 28))
        assert sum(march.entering.values()) == 1
        assert sum(february.entering.values()) == 0
        assert {m for m, counts in march.by_month.items() if any(counts.values())} == {"2026-03"}
        with clock.frozen(datetime(2026, 2, 28, 23, 30, tzinfo=UTC)):
            assert funnel_filters({"pipeline_id": str(pipeline_id)},
                                  clock.today())["date_to"] == date(2026, 3, 1)
