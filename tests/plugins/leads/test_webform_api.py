"""The web-form designer's API: a form designed, read, changed and then posted to by a
visitor at its endpoint, through the designer page's services; admins only, refusals
naming the field."""

from __future__ import annotations

from core.kernel import kontora
from plugins.leads.seed import seed_defaults
from tests.core.api.support import bearer, make_user
from tests.plugins.leads.conftest import MANAGER, SALES

API = "/api/v1/leads/webforms"
FORM = {"name": "Contact us", "allowed_origins": "https://www.example.ro",
        "fields": [{"name": "person_name", "required": True},
                   {"name": "email", "required": True, "labels": {"ro": "E-mail"}}],
        "thank_you": {"en": "Thanks, we will call.", "ro": "Mulțumim!"}}


def _setup(app):
    with app.app_context(), kontora(app).db.unit() as s:
        seed_defaults(s)
        boss = make_user("boss", MANAGER)
        return boss.id, bearer(boss), bearer(make_user("ann", SALES))


def test_a_form_is_designed_changed_and_then_takes_leads(app):
    boss_id, boss, _ann = _setup(app)
    api = app.test_client()
    made = api.post(API, headers=boss, json=FORM)
    assert made.status_code == 201, made.get_json()
    form = made.get_json()
    assert form["owner_id"] == boss_id and form["active"] is True
    assert form["fields"][1] == {"name": "email", "required": True, "labels": {"ro": "E-mail"}}
    assert form["endpoint"].endswith(f"/api/v1/leads/forms/{form['key']}")
    assert api.get(API, headers=boss).get_json()[0]["id"] == form["id"]
    assert api.get(f"{API}/{form['id']}", headers=boss).get_json()["name"] == "Contact us"

    changed = api.put(f"{API}/{form['id']}", headers=boss,
                      json={**FORM, "name": "Call me back", "fields": [{"name": "phone",
                                                                        "required": True}]})
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["key"] == form["key"]
    sent = api.post(f"/api/v1/leads/forms/{form['key']}", json={"phone": "+40 721 000 000"})
    assert sent.status_code == 200 and sent.get_json()["message"] == "Thanks, we will call."
    off = api.put(f"{API}/{form['id']}", headers=boss, json={**FORM, "active": False})
    assert off.status_code == 200 and off.get_json()["active"] is False


def test_bad_designs_name_the_field_and_only_admins_design(app):
    _boss_id, boss, ann = _setup(app)
    api = app.test_client()
    for change, field in (({"name": ""}, "name"),
                          ({"fields": [{"name": "password"}]}, "fields.0.name"),
                          ({"fields": [{"name": "person_name"}]}, "fields"),
                          ({"fields": []}, "fields"),
                          ({"fields": [{"name": "email"}, {"name": "email"}]}, "fields"),
                          ({"fields": [{"name": "email", "labels": {"xx": "?"}}]},
                           "fields.0.labels"),
                          ({"allowed_origins": "ftp://example.ro/x"}, "allowed_origins"),
                          ({"pipeline_id": 987654}, "pipeline_id"),
                          ({"owner_id": 987654}, "owner_id"),
                          ({"owner_id": "me"}, "owner_id"),
                          ({"thank_you": ["Thanks"]}, "thank_you")):
        answer = api.post(API, headers=boss, json={**FORM, **change})
        assert answer.status_code == 422, (change, answer.get_json())
        assert any(k.startswith(field) for k in answer.get_json()["fields"]), answer.get_json()
    assert api.get(API, headers=ann).status_code == 403
    assert api.post(API, headers=ann, json=FORM).status_code == 403
    made = api.post(API, headers=boss, json=FORM).get_json()
    assert api.get(f"{API}/{made['id']}", headers=ann).status_code == 403
    assert api.put(f"{API}/{made['id']}", headers=ann, json=FORM).status_code == 403
    assert api.get(f"{API}/987654", headers=boss).status_code == 404
    assert api.put(f"{API}/987654", headers=boss, json=FORM).status_code == 404
