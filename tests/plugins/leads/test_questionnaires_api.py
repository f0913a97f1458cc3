"""Questionnaires through the API: templates, sending a link, the client's answers."""

from __future__ import annotations

from core.kernel import kontora
from plugins.leads.seed import seed_defaults
from tests.core.api.support import bearer
from tests.plugins.leads.conftest import MANAGER, SALES, make_user

BASE = "/api/v1/leads/questionnaires"
BRIEF = {"name": "House brief", "intro": "A few questions.", "questions": [
    {"label": "What do you need built?", "type": "text", "required": True},
    {"label": "Floor area (m2)", "type": "number", "required": True},
    {"label": "Roof type", "type": "choice", "choices": ["flat", "pitched"]},
    {"label": "Which rooms?", "type": "multi_choice", "choices": ["kitchen", "bath"]}]}


def tokens(app):
    with app.app_context(), kontora(app).db.unit() as s:
        seed_defaults(s)
        return (bearer(make_user("boss", MANAGER)), bearer(make_user("sam", SALES)),
                bearer(make_user("own", SALES, "own")))


def test_templates_are_made_read_and_replaced(app):
    admin, seller, _own = tokens(app)
    client = app.test_client()
    made = client.post(BASE, json=BRIEF, headers=admin)
    assert made.status_code == 201, made.get_json()
    template = made.get_json()
    assert [q["key"] for q in template["questions"]] == ["q1", "q2", "q3", "q4"]
    url = f"{BASE}/{template['id']}"
    replaced = client.put(url, json={**BRIEF, "active": False}, headers=admin)
    assert replaced.status_code == 200 and replaced.get_json()["active"] is False
    assert [t["id"] for t in client.get(BASE, headers=admin).get_json()] == [template["id"]]
    assert client.get(BASE, headers=seller).get_json() == []  # only active ones to send
    assert client.get(url, headers=seller).status_code == 404
    assert client.post(BASE, json={**BRIEF, "name": "Other"}, headers=seller).status_code == 403
    assert client.put(f"{BASE}/999999", json=BRIEF, headers=admin).status_code == 404
    assert client.delete(url, headers=seller).status_code == 403
    assert client.delete(url, headers=admin).status_code == 204
    assert client.get(url, headers=admin).status_code == 404
    assert client.delete(url, headers=admin).status_code == 404


def test_bad_templates_name_the_field(app):
    admin, _seller, _own = tokens(app)
    client = app.test_client()
    assert client.post(BASE, json=BRIEF, headers=admin).status_code == 201
    for body, field in (({**BRIEF}, "name"),  # taken
                        ({**BRIEF, "name": "B", "questions": []}, "questions"),
                        ({**BRIEF, "name": "B", "active": "yes"}, "active"),
                        ({**BRIEF, "name": "B", "questions": [
                            {"label": "Roof", "type": "choice", "choices": ["flat"]}]},
                         "questions.0.choices"),
                        ({**BRIEF, "name": "B", "questions": [{"label": "x", "type": "colour"}]},
                         "questions.0.type")):
        refused = client.post(BASE, json=body, headers=admin)
        assert refused.status_code == 422, body
        assert field in refused.get_json()["fields"], refused.get_json()


def test_a_questionnaire_is_sent_as_a_link_answered_once_and_shown_on_the_record(app):
    admin, seller, own = tokens(app)
    client = app.test_client()
    template = client.post(BASE, json=BRIEF, headers=admin).get_json()
    lead = client.post("/api/v1/leads.lead", json={"title": "House for Ion"},
                       headers=seller).get_json()
    send = f"{BASE}/{template['id']}/send"
    refused = client.post(send, json={"record_kind": "offers.offer", "record_id": lead["id"]},
                          headers=seller)
    assert refused.status_code == 422 and "record_kind" in refused.get_json()["fields"]
    assert client.post(send, json={"record_kind": "leads.lead", "record_id": lead["id"],
                                   "days": 0}, headers=seller).status_code == 422
    assert client.post(send, json={"record_kind": "leads.lead", "record_id": lead["id"]},
                       headers=own).status_code == 404  # not their lead
    sent = client.post(send, json={"record_kind": "leads.lead", "record_id": lead["id"],
                                   "days": 7}, headers=seller)
    assert sent.status_code == 201, sent.get_json()
    token = sent.get_json()["link"].rsplit("/", 1)[1]

    form = client.get(f"/api/v1/leads/q/{token}")
    assert form.status_code == 200
    assert form.get_json()["intro"] == "A few questions."
    bad = client.post(f"/api/v1/leads/q/{token}", json={"q1": "Two floors", "q2": "many"})
    assert bad.status_code == 422 and "q2" in bad.get_json()["fields"]
    answered = client.post(f"/api/v1/leads/q/{token}",
                           json={"q1": "Two floors", "q2": "120", "q4": ["kitchen"]})
    assert answered.status_code == 200, answered.get_json()
    assert client.post(f"/api/v1/leads/q/{token}", json={"q1": "x", "q2": "1"}).status_code \
        in (404, 410)

    url = f"/api/v1/leads/questionnaire-answers?record_kind=leads.lead&record_id={lead['id']}"
    listed = client.get(url, headers=seller).get_json()
    assert [r["answers"]["q2"] for r in listed] == ["120"]
    assert listed[0]["answers"]["q4"] == ["kitchen"] and listed[0]["submitted_at"]
    assert client.get(url, headers=own).status_code == 404
    assert client.delete(f"{BASE}/{template['id']}", headers=admin).status_code == 204
    kept = client.get(url, headers=seller).get_json()  # the answers outlive the template
    assert kept[0]["template_id"] is None and kept[0]["answers"]["q2"] == "120"
    for query, field in (("record_kind=x&record_id=1", "record_kind"),
                         ("record_kind=leads.lead&record_id=abc", "record_id")):
        refused = client.get(f"/api/v1/leads/questionnaire-answers?{query}", headers=seller)
        assert refused.status_code == 422 and field in refused.get_json()["fields"]
