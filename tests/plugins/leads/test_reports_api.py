"""The funnel report as JSON: the page's figures and filters, its permission and rules."""

from __future__ import annotations

import pytest

from core.kernel import kontora
from tests.core.api.support import bearer
from tests.plugins.leads.conftest import MANAGER, SALES, make_user
from tests.plugins.leads.funnel_data import OfferedServices, make_dataset

URL = "/api/v1/leads/reports/funnel"
PERIOD = "date_from=2026-01-01&date_to=2026-03-31"


def token(app, login, permissions, scope="all"):
    with app.app_context(), kontora(app).db.unit():
        return bearer(make_user(login, permissions, scope))


@pytest.fixture
def dataset(app):
    return make_dataset(app)


def test_the_funnel_comes_as_json_with_the_page_s_figures(app, dataset):
    pipeline_id, bob_id = dataset
    kontora(app).pm.register(OfferedServices())
    client, headers = app.test_client(), token(app, "boss", MANAGER)
    response = client.get(f"{URL}?{PERIOD}", headers=headers)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["pipeline_id"], body["date_from"], body["months"]) == (
        pipeline_id, "2026-01-01", ["2026-01", "2026-02", "2026-03"])
    stages = {s["name"]: s for s in body["stages"]}
    assert stages["New"]["entering"] == 5
    assert stages["New"]["value"] == {"EUR": "1900.00", "RON": "200.00"}
    assert stages["Qualified"]["by_month"] == {"2026-01": 2, "2026-02": 1, "2026-03": 0}
    assert [(s["name"], s["reached"], s["conversion"]) for s in body["steps"]] == [
        ("New", 6, None), ("Qualified", 4, "66.7"), ("Proposal", 3, "75.0"),
        ("Negotiation", 2, "66.7"), ("Won", 2, "100.0")]
    assert body["lost_why"] == [{"name": "No budget", "count": 1},
                                {"name": "Price too high", "count": 1}]
    assert body["offered"] == [{"product_id": 1, "description": "Consulting",
                                "currency": "RON", "quantity": "4", "net": "880",
                                "documents": 3}]
    only_bob = client.get(f"{URL}?{PERIOD}&owner_id={bob_id}&pipeline_id={pipeline_id}",
                          headers=headers).get_json()
    assert sum(s["entering"] for s in only_bob["stages"]) == 1


def test_bad_filters_are_field_errors(app, dataset):
    client, headers = app.test_client(), token(app, "boss", MANAGER)
    for query, field in (("date_from=2026-13-01", "date_from"), ("date_to=20260101", "date_to"),
                         ("date_from=2026-03-01&date_to=2026-01-01", "date_to"),
                         ("date_from=2000-01-01&date_to=2026-01-01", "date_from"),
                         ("pipeline_id=999999", "pipeline_id"), ("pipeline_id=x", "pipeline_id"),
                         ("owner_id=-1", "owner_id"), ("owner_id=99999999999", "owner_id")):
        refused = client.get(f"{URL}?{query}", headers=headers)
        assert refused.status_code == 422, query
        assert field in refused.get_json()["fields"], (query, refused.get_json())


def test_the_report_needs_its_permission_and_keeps_record_rules(app, dataset):
    client = app.test_client()
    assert client.get(URL, headers=token(app, "seller", SALES)).status_code == 403
    assert client.get(URL).status_code == 401
    own = client.get(f"{URL}?{PERIOD}", headers=token(app, "own", MANAGER, "own")).get_json()
    assert sum(s["entering"] for s in own["stages"]) == 0


def test_no_pipeline_yet_is_a_field_error(app):
    client, headers = app.test_client(), token(app, "boss", MANAGER)
    refused = client.get(URL, headers=headers)
    assert refused.status_code == 422 and "pipeline_id" in refused.get_json()["fields"]
