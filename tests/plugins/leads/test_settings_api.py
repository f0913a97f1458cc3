"""The sales settings API: pipelines, stages and lost reasons through the settings page's
services — read by lead users, changed by admins only, refusals naming the field."""

from __future__ import annotations

from core.kernel import kontora
from plugins.leads.seed import seed_defaults
from tests.core.api.support import bearer, make_user
from tests.plugins.leads.conftest import MANAGER, SALES

API = "/api/v1/leads"


def _setup(app):
    with app.app_context(), kontora(app).db.unit() as s:
        seed_defaults(s)
        return bearer(make_user("boss", MANAGER)), bearer(make_user("ann", SALES, "own"))


def test_pipelines_and_their_stages_are_set_by_admins(app):
    boss, ann = _setup(app)
    api = app.test_client()
    listed = api.get(f"{API}/pipelines", headers=ann)
    assert listed.status_code == 200 and [p["name"] for p in listed.get_json()] == ["Sales"]
    assert api.post(f"{API}/pipelines", headers=ann, json={"name": "Tenders"}).status_code == 403
    made = api.post(f"{API}/pipelines", headers=boss, json={"name": "Tenders"})
    assert made.status_code == 201, made.get_json()
    tenders = made.get_json()
    assert [s["name"] for s in tenders["stages"]] == ["New", "Won", "Lost"]
    assert tenders["is_default"] is False
    for body in ({"name": "Sales"}, {"name": ""}, {}):
        bad = api.post(f"{API}/pipelines", headers=boss, json=body)
        assert bad.status_code == 422 and "name" in bad.get_json()["fields"], body
    item = f"{API}/pipelines/{tenders['id']}"
    changed = api.patch(item, headers=boss, json={"name": "Public tenders", "is_default": True})
    assert changed.status_code == 200 and changed.get_json()["is_default"] is True
    assert [p["is_default"] for p in api.get(f"{API}/pipelines", headers=ann).get_json()] == \
        [False, True]
    assert api.patch(item, headers=boss, json={"active": "no"}).status_code == 422
    assert api.patch(item, headers=ann, json={"active": False}).status_code == 403
    assert api.patch(f"{API}/pipelines/987654", headers=boss, json={}).status_code == 404

    added = api.post(f"{item}/stages", headers=boss,
                     json={"name": "Bid sent", "probability": 40, "position": 1})
    assert added.status_code == 201, added.get_json()
    stage = added.get_json()
    assert stage["pipeline_id"] == tenders["id"] and stage["is_won"] is False
    both = api.put(f"{item}/stages/{stage['id']}", headers=boss,
                   json={"name": "Bid sent", "is_won": True, "is_lost": True})
    assert both.status_code == 422 and "is_lost" in both.get_json()["fields"]
    odds = api.put(f"{item}/stages/{stage['id']}", headers=boss,
                   json={"name": "Bid sent", "probability": 101})
    assert odds.status_code == 422 and "probability" in odds.get_json()["fields"]
    saved = api.put(f"{item}/stages/{stage['id']}", headers=boss,
                    json={"name": "Bid submitted", "probability": 50})
    assert saved.status_code == 200 and saved.get_json()["name"] == "Bid submitted"
    sales_stage = listed.get_json()[0]["stages"][0]["id"]
    assert api.delete(f"{item}/stages/{sales_stage}", headers=boss).status_code == 404
    assert api.delete(f"{item}/stages/{stage['id']}", headers=ann).status_code == 403
    assert api.delete(f"{item}/stages/{stage['id']}", headers=boss).status_code == 204
    assert api.delete(f"{item}/stages/{stage['id']}", headers=boss).status_code == 404


def test_a_stage_leads_were_in_stays(app):
    boss, ann = _setup(app)
    api = app.test_client()
    lead = api.post("/api/v1/leads.lead", headers=ann, json={"title": "Deal"}).get_json()
    pipeline = api.get(f"{API}/pipelines", headers=ann).get_json()[0]
    used = api.delete(f"{API}/pipelines/{pipeline['id']}/stages/{lead['stage_id']}",
                      headers=boss)
    assert used.status_code == 409 and "rename it" in used.get_json()["message"]


def test_lost_reasons_are_added_and_retired(app):
    boss, ann = _setup(app)
    api = app.test_client()
    known = api.get(f"{API}/lost-reasons", headers=ann).get_json()
    assert known and all(r["active"] for r in known)
    assert api.post(f"{API}/lost-reasons", headers=ann,
                    json={"name": "Went quiet"}).status_code == 403
    made = api.post(f"{API}/lost-reasons", headers=boss, json={"name": "Went quiet"})
    assert made.status_code == 201 and made.get_json()["active"] is True
    taken = api.post(f"{API}/lost-reasons", headers=boss, json={"name": "Went quiet"})
    assert taken.status_code == 422 and "name" in taken.get_json()["fields"]
    long = api.post(f"{API}/lost-reasons", headers=boss, json={"name": "x" * 121})
    assert long.status_code == 422 and "name" in long.get_json()["fields"]
    url = f"{API}/lost-reasons/{made.get_json()['id']}"
    retired = api.put(url, headers=boss, json={"name": "Went quiet", "active": False})
    assert retired.status_code == 200 and retired.get_json()["active"] is False
    assert api.put(url, headers=ann, json={"name": "x"}).status_code == 403
    assert api.put(f"{API}/lost-reasons/987654", headers=boss,
                   json={"name": "x"}).status_code == 404
