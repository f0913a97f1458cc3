"""The billing schedule through the API (get/set/stop, 4xx naming the field, permissions)
and through the tab invoicing adds to the contract's page."""

from __future__ import annotations

from typing import Any

from core.kernel import kontora
from plugins.invoicing.models import BillingSchedule
from tests.core.api.support import bearer
from tests.plugins.invoicing.conftest import ALL, browser, make_contract, make_seller, make_user

BASE = "/api/v1/invoicing.schedules/contracts.contract"
READERS = ["invoicing.read", "contracts.read"]


def _setup(app: Any) -> tuple[int, Any, dict[str, str], dict[str, str]]:
    with app.app_context(), kontora(app).db.unit():
        make_seller()
        anna = make_user("anna", [*ALL, "contracts.read"])
        reader = make_user("reader", READERS)
        return make_contract().id, anna, bearer(anna), bearer(reader)


def test_the_api_sets_reads_and_stops_a_schedule(capp: Any) -> None:
    contract_id, _, anna, reader = _setup(capp)
    api, item = capp.test_client(), f"{BASE}/{contract_id}"
    assert api.get(item, headers=anna).status_code == 404
    for body, field in (({"start_date": "2027-02-01", "day_of_month": 30}, "day_of_month"),
                        ({"start_date": "2027-02-01", "amount": "10"}, "vat_rate")):
        bad = api.put(item, headers=anna, json=body)
        assert bad.status_code == 422 and field in bad.get_json()["fields"]
    assert api.put(item, headers=anna, json={"start_date": "nope"}).status_code == 422
    assert api.put(f"{BASE}/999999", headers=anna,
                   json={"start_date": "2027-02-01"}).status_code == 404
    assert api.put(item, headers=reader, json={"start_date": "2027-02-01"}).status_code == 403
    made = api.put(item, headers=anna, json={"start_date": "2027-02-01", "day_of_month": 3,
                                             "issue": True})
    assert made.status_code == 200
    assert made.get_json()["day_of_month"] == 3 and made.get_json()["active"] is True
    assert api.get(item, headers=reader).get_json()["start_date"] == "2027-02-01"
    assert api.delete(item, headers=reader).status_code == 403
    stopped = api.delete(item, headers=anna)
    assert stopped.status_code == 200 and stopped.get_json()["active"] is False


def test_the_contract_page_shows_the_tab_and_its_form_saves(capp: Any) -> None:
    contract_id, anna, _, _ = _setup(capp)
    web = browser(capp, anna)
    page = web.get(f"/contracts/{contract_id}")
    assert page.status_code == 200
    assert "data-billing-schedule" in page.text and "data-schedule-save" in page.text
    refused = web.post(f"/invoicing/schedules/contract/{contract_id}",
                       {"start_date": "2027-03-01", "end_date": "2027-01-01"})
    assert refused.status_code == 303
    page = web.get(f"/contracts/{contract_id}").text
    assert "End date: The end date comes before the start date." in page
    saved = web.post(f"/invoicing/schedules/contract/{contract_id}",
                     {"start_date": "2027-03-01", "day_of_month": "10", "issue": "true"})
    assert saved.status_code == 303
    with capp.app_context(), kontora(capp).db.unit() as s:
        schedule = s.query(BillingSchedule).one()
        assert (schedule.day_of_month, schedule.issue, schedule.active) == (10, True, True)
    assert "data-schedule-stop" in web.get(f"/contracts/{contract_id}").text
    assert web.post(f"/invoicing/schedules/contract/{contract_id}/stop", {}).status_code == 303
    with capp.app_context(), kontora(capp).db.unit() as s:
        assert s.query(BillingSchedule).one().active is False
