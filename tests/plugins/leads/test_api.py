"""The leads API: generic resource with record rules, moves, conversion, lines, website API."""

from __future__ import annotations

from sqlalchemy import select

from core.kernel import kontora
from plugins.leads.models import Lead
from plugins.leads.seed import seed_defaults
from tests.core.api.support import bearer, make_user
from tests.plugins.leads.conftest import SALES, reason, stage


def _setup(app, **extra):
    with app.app_context(), kontora(app).db.unit() as s:
        seed_defaults(s)
        ann = make_user("ann", SALES, "own")
        bob = make_user("bob", SALES, "own")
        site = make_user("site", ["leads.create", "leads.read"], "own")
        ids = {"proposal": stage("Proposal").id, "lost": stage("Lost").id,
               "reason": reason().id}
        return bearer(ann), bearer(bob), bearer(site, ["leads.create"]), ids


def test_crud_moves_and_record_rules(app):
    ann, bob, _site, ids = _setup(app)
    client = app.test_client()
    made = client.post("/api/v1/leads.lead", json={"title": "API deal", "budget": "100.5",
                                                   "currency": "eur"}, headers=ann)
    assert made.status_code == 201, made.get_json()
    body = made.get_json()
    assert (body["status"], body["stage_name"], body["currency"]) == ("open", "New", "EUR")
    lead_id = body["id"]
    assert client.get(f"/api/v1/leads.lead/{lead_id}", headers=bob).status_code == 404
    assert client.get("/api/v1/leads.lead", headers=bob).get_json()["items"] == []
    moved = client.post(f"/api/v1/leads.lead/{lead_id}/move",
                        json={"stage_id": ids["proposal"]},
                        headers={**ann, "If-Match": made.headers["ETag"]})
    assert moved.status_code == 200 and moved.get_json()["stage_name"] == "Proposal"
    stale = client.post(f"/api/v1/leads.lead/{lead_id}/move", json={"stage_id": ids["lost"]},
                        headers={**ann, "If-Match": made.headers["ETag"]})
    assert stale.status_code == 409
    no_reason = client.post(f"/api/v1/leads.lead/{lead_id}/move",
                            json={"stage_id": ids["lost"]}, headers=ann)
    assert no_reason.status_code == 422 and "lost_reason_id" in no_reason.get_json()["fields"]
    lost = client.post(f"/api/v1/leads.lead/{lead_id}/move",
                       json={"stage_id": ids["lost"], "lost_reason_id": ids["reason"]},
                       headers=ann)
    assert lost.get_json()["status"] == "lost"
    for bad in ({"stage_id": "x"}, {}, {"stage_id": 99999999}, {"stage_id": 1, "other": 1}):
        answer = client.post(f"/api/v1/leads.lead/{lead_id}/move", json=bad, headers=ann)
        assert answer.status_code == 422, (bad, answer.get_json())


def test_lines_and_conversion(app):
    ann, _bob, _site, _ids = _setup(app)
    client = app.test_client()
    lead_id = client.post("/api/v1/leads.lead", json={"title": "Lines", "currency": "RON",
                                                      "company_name": "Omega SRL",
                                                      "country": "RO"},
                          headers=ann).get_json()["id"]
    line = client.post(f"/api/v1/leads.lead/{lead_id}/lines",
                       json={"description": "Work", "quantity": "3", "unit_price": "100"},
                       headers=ann)
    assert line.status_code == 201 and line.get_json()["net"] == "300.00"
    line_id = line.get_json()["id"]
    changed = client.patch(f"/api/v1/leads.lead/{lead_id}/lines/{line_id}",
                           json={"discount": "50"}, headers=ann)
    assert changed.get_json()["net"] == "150.00"
    assert client.get(f"/api/v1/leads.lead/{lead_id}", headers=ann).get_json()["budget"] == \
        "150.00"
    assert [x["id"] for x in client.get(f"/api/v1/leads.lead/{lead_id}/lines",
                                        headers=ann).get_json()] == [line_id]
    assert client.delete(f"/api/v1/leads.lead/{lead_id}/lines/{line_id}",
                         headers=ann).status_code == 204
    converted = client.post(f"/api/v1/leads.lead/{lead_id}/convert", json={}, headers=ann)
    assert converted.status_code == 200, converted.get_json()
    assert converted.get_json()["lead"]["client_id"] == converted.get_json()["client_id"]
    again = client.post(f"/api/v1/leads.lead/{lead_id}/convert", json={}, headers=ann)
    assert again.status_code == 409


def test_the_website_api_needs_only_leads_create(app):
    _ann, _bob, site, _ids = _setup(app)
    client = app.test_client()
    made = client.post("/api/v1/leads.lead/website",
                       json={"person_name": "Web Visitor", "email": "v@site.ro",
                             "description": "Call me"}, headers=site)
    assert made.status_code == 201, made.get_json()
    with app.app_context(), kontora(app).db.unit() as s:
        lead = s.scalar(select(Lead))
        assert (lead.source, lead.title, lead.contacts[0].name) == (
            "website_api", "Web Visitor", "Web Visitor")
    assert client.post("/api/v1/leads.lead", json={"title": "x"},
                       headers=site).status_code == 403
    assert client.get("/api/v1/leads.lead", headers=site).status_code == 403
    assert client.post("/api/v1/leads.lead/website", json={"title": "x"}).status_code == 401
    assert client.post("/api/v1/leads.lead/website", data="x",
                       headers={**site, "Content-Type": "text/plain"}).status_code == 415


def test_a_website_lead_without_a_title_is_documented_as_allowed(app):
    _ann, _bob, site, _ids = _setup(app)
    client = app.test_client()
    spec = client.get("/api/v1/openapi.json").get_json()
    body = spec["paths"]["/leads.lead/website"]["post"]["requestBody"]["content"]
    name = body["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    website = spec["components"]["schemas"][name]
    assert "title" not in website.get("required", []) and "contacts" in website["properties"]
    assert "title" in spec["components"]["schemas"]["Lead"]["required"]
    made = client.post("/api/v1/leads.lead/website", json={"company_name": "Alfa SRL"},
                       headers=site)
    assert made.status_code == 201 and made.get_json()["title"] == "Alfa SRL"


def test_a_blank_email_means_none_and_the_document_says_so(app):
    ann, _bob, _site, _ids = _setup(app)
    client = app.test_client()
    email = client.get("/api/v1/openapi.json").get_json()[
        "components"]["schemas"]["Lead"]["properties"]["email"]
    formats = [option for option in email["anyOf"] if option.get("format") == "email"]
    blanks = [option for option in email["anyOf"] if option.get("pattern") == r"^\s*$"]
    assert formats and blanks
    made = client.post("/api/v1/leads.lead", json={"title": "Deal", "email": ""}, headers=ann)
    assert made.status_code == 201 and made.get_json()["email"] is None
    bad = client.post("/api/v1/leads.lead", json={"title": "Deal", "email": "nope"}, headers=ann)
    assert bad.status_code == 422 and "email" in bad.get_json()["fields"]


def test_converting_takes_a_json_boolean_only(app):
    ann, _bob, _site, _ids = _setup(app)
    client = app.test_client()
    lead = client.post("/api/v1/leads.lead", headers=ann, json={
        "title": "Deal", "company_name": "Beta SRL", "country": "RO"}).get_json()
    for wrong in (0, 1, "yes", "false"):
        refused = client.post(f"/api/v1/leads.lead/{lead['id']}/convert",
                              json={"allow_duplicate": wrong}, headers=ann)
        assert refused.status_code == 422, (wrong, refused.get_json())
        assert "allow_duplicate" in refused.get_json()["fields"]
    done = client.post(f"/api/v1/leads.lead/{lead['id']}/convert",
                       json={"allow_duplicate": True}, headers=ann)
    assert done.status_code == 200, done.get_json()


def test_a_calculator_line_whose_amount_overflows_is_refused_naming_it(app):
    ann, _bob, _site, _ids = _setup(app)
    client = app.test_client()
    lead = client.post("/api/v1/leads.lead", headers=ann, json={"title": "Deal"}).get_json()
    line = client.post(f"/api/v1/leads.lead/{lead['id']}/lines", headers=ann, json={
        "description": "Bricks", "quantity": 422274247883.7937, "unit_price": 100000})
    assert line.status_code == 422 and "quantity" in line.get_json()["fields"]


def test_a_lead_s_contact_persons(app):
    ann, bob, _site, _ids = _setup(app)
    client = app.test_client()
    lead = client.post("/api/v1/leads.lead", json={"title": "Roof"}, headers=ann).get_json()
    url = f"/api/v1/leads.lead/{lead['id']}/contacts"
    first = client.post(url, json={"name": "Ion Pop", "email": "Ion@Roof.ro"}, headers=ann)
    assert first.status_code == 201, first.get_json()
    assert first.get_json()["is_primary"] and first.get_json()["email"] == "ion@roof.ro"
    second = client.post(url, json={"name": "Ana Pop", "is_primary": True}, headers=ann)
    assert second.get_json()["is_primary"]
    refused = client.post(url, json={"name": "", "phone": "none"}, headers=ann)
    assert refused.status_code == 422 and "name" in refused.get_json()["fields"]
    listed = client.get(url, headers=ann).get_json()
    assert [(c["name"], c["is_primary"]) for c in listed] == [("Ion Pop", False),
                                                              ("Ana Pop", True)]
    assert client.get(url, headers=bob).status_code == 404
    gone = f"{url}/{second.get_json()['id']}"
    assert client.delete(gone, headers=bob).status_code == 404
    assert client.delete(gone, headers=ann).status_code == 204
    assert [c["is_primary"] for c in client.get(url, headers=ann).get_json()] == [True]
    assert client.delete(gone, headers=ann).status_code == 404
