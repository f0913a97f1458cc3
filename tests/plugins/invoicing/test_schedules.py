"""Billing schedules: the daily run on set days invoices each due month of a contract once,
catches up after a gap, respects the end date and the contract's status, and refuses
bad input and missing permissions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from core.errors import Forbidden, NotFound, ValidationError
from core.jobs import clock
from core.kernel import kontora
from plugins.invoicing.models import BillingDocument, BillingRun
from plugins.invoicing.services.schedules import run_schedules, set_schedule, stop_schedule
from tests.plugins.invoicing.conftest import ALL, make_contract, make_seller, make_user
from tests.plugins.invoicing.conftest import principal as as_principal

KIND = "contracts.contract"


@pytest.fixture
def setup(capp: Any) -> dict[str, int]:
    with capp.app_context(), kontora(capp).db.unit():
        make_seller()
        user = make_user("anna", [*ALL, "contracts.read"])
        return {"user": user.id, "contract": make_contract().id}


def run_on(app: Any, day: date) -> dict[str, int]:
    with app.app_context(), clock.frozen(day), kontora(app).db.unit():
        return run_schedules()


def schedule(app: Any, ids: dict[str, int], **data: Any) -> None:
    from core.identity.models import User

    with app.app_context(), kontora(app).db.unit() as s:
        who = as_principal(s.get(User, ids["user"]))
        set_schedule(who, KIND, ids["contract"], {"start_date": "2027-01-01",
                                                   "day_of_month": 5, **data})


def invoices(app: Any) -> list[tuple[str, str, str]]:
    """(status, issue date or "", first line) of every invoice, oldest first."""
    with app.app_context(), kontora(app).db.unit() as s:
        docs = s.scalars(select(BillingDocument).order_by(BillingDocument.id)).all()
        return [(d.status, str(d.issue_date or ""), d.lines[0].description) for d in docs]


def test_each_due_month_is_invoiced_once_on_the_days_the_job_runs(capp: Any, setup: Any) -> None:
    schedule(capp, setup)
    assert run_on(capp, date(2027, 1, 4))["created"] == 0
    assert run_on(capp, date(2027, 1, 5))["created"] == 1
    assert run_on(capp, date(2027, 1, 5))["created"] == 0  # the same day again
    assert run_on(capp, date(2027, 2, 20))["created"] == 1
    assert run_on(capp, date(2027, 3, 5))["created"] == 1
    got = invoices(capp)
    assert [status for status, _, _ in got] == ["draft"] * 3
    assert [desc for _, _, desc in got] == [
        f"Servicii pentru {month} 2027: Mentenanță site"
        for month in ("ianuarie", "februarie", "martie")]


def test_a_gap_is_caught_up_and_the_end_date_respected(capp: Any, setup: Any) -> None:
    schedule(capp, setup, end_date="2027-04-30", issue=True)
    assert run_on(capp, date(2027, 1, 5))["created"] == 1
    assert run_on(capp, date(2027, 3, 10))["created"] == 2  # February and March
    assert run_on(capp, date(2027, 9, 1))["created"] == 1  # April only
    got = invoices(capp)
    assert [(status, issued) for status, issued, _ in got] == [
        ("issued", "2027-01-05"), ("issued", "2027-03-10"), ("issued", "2027-03-10"),
        ("issued", "2027-09-01")]
    with capp.app_context(), kontora(capp).db.unit() as s:
        periods = s.scalars(select(BillingRun.period_start).order_by(BillingRun.period_start))
        assert list(periods) == [date(2027, m, 1) for m in (1, 2, 3, 4)]


def test_an_entered_amount_gives_one_line_naming_the_month(capp: Any, setup: Any) -> None:
    schedule(capp, setup, amount="120.00", vat_rate="19")
    run_on(capp, date(2027, 1, 5))
    with capp.app_context(), kontora(capp).db.unit() as s:
        doc = s.scalars(select(BillingDocument)).one()
        assert [(ln.description, ln.unit_price) for ln in doc.lines] == [
            ("Servicii pentru ianuarie 2027", Decimal("120.0000"))]
        assert doc.total_gross == Decimal("142.80")


def test_a_contract_no_longer_active_or_a_stopped_schedule_is_not_billed(
        capp: Any, setup: Any) -> None:
    from core.identity.models import User
    from plugins.contracts.models import Contract

    schedule(capp, setup)
    with capp.app_context(), kontora(capp).db.unit() as s:
        s.get(Contract, setup["contract"]).status = "terminated"
    assert run_on(capp, date(2027, 2, 5)) == {"created": 0, "skipped": 0, "inactive": 1,
                                              "failed": 0}
    with capp.app_context(), kontora(capp).db.unit() as s:
        s.get(Contract, setup["contract"]).status = "active"
        stop_schedule(as_principal(s.get(User, setup["user"])), KIND, setup["contract"])
    assert run_on(capp, date(2027, 2, 5))["created"] == 0
    assert invoices(capp) == []


def test_a_schedule_that_cannot_be_billed_does_not_stop_the_others(
        capp: Any, setup: Any) -> None:
    from plugins.contracts.models import Contract

    schedule(capp, setup)
    with capp.app_context(), kontora(capp).db.unit() as s:
        other = make_contract().id
    schedule(capp, {**setup, "contract": other})
    with capp.app_context(), kontora(capp).db.unit() as s:
        s.delete(s.get(Contract, setup["contract"]))
    assert run_on(capp, date(2027, 1, 5)) == {"created": 1, "skipped": 0, "inactive": 0,
                                              "failed": 1}
    assert len(invoices(capp)) == 1


def test_bad_input_names_the_field_and_permissions_are_checked(capp: Any, setup: Any) -> None:
    from core.identity.models import User

    with capp.app_context(), kontora(capp).db.unit() as s:
        who = as_principal(s.get(User, setup["user"]))
        for data, field in (({}, "start_date"),
                            ({"start_date": "2027-02-01", "end_date": "2027-01-01"}, "end_date"),
                            ({"start_date": "2027-02-01", "day_of_month": 31}, "day_of_month"),
                            ({"start_date": "2027-02-01", "amount": "10"}, "vat_rate"),
                            ({"start_date": "2027-02-01", "series": "proformas"}, "series")):
            with pytest.raises(ValidationError) as err:
                set_schedule(who, KIND, setup["contract"], data)
            assert field in err.value.fields
        with pytest.raises(NotFound):
            set_schedule(who, KIND, 999999, {"start_date": "2027-02-01"})
        reader = as_principal(make_user("ro", ["invoicing.read", "contracts.read"]))
        with pytest.raises(Forbidden):
            set_schedule(reader, KIND, setup["contract"], {"start_date": "2027-02-01"})
        with pytest.raises(Forbidden):
            stop_schedule(reader, KIND, setup["contract"])
        no_issue = as_principal(make_user("clerk", ["invoicing.read", "invoicing.write",
                                                    "invoicing.convert", "contracts.read"]))
        with pytest.raises(Forbidden):
            set_schedule(no_issue, KIND, setup["contract"], {"start_date": "2027-02-01",
                                                              "issue": True})
        assert s.scalar(select(func.count()).select_from(BillingRun)) == 0
