"""Web forms: designing one, the public endpoint with CORS, spam traps, hostile input."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from core.errors import ValidationError
from core.kernel import kontora
from core.web.models import Notification
from plugins.leads.models import Lead
from plugins.leads.seed import seed_defaults
from plugins.leads.services.webforms import save_form
from tests.plugins.leads.conftest import MANAGER, as_staff, make_user

SITE = "https://www.alfa.ro"
FIELDS = [{"name": "person_name", "required": True, "labels": {"ro": "Numele dvs."}},
          {"name": "email", "required": True, "labels": {}},
          {"name": "company_name", "required": False, "labels": {}},
          {"name": "description", "required": False, "labels": {}}]


@pytest.fixture
def form(app):
    """A web form allowing ``SITE``, owned by ``ann``; returns (key, ann's id)."""
    with app.app_context(), kontora(app).db.unit() as s:
        seed_defaults(s)
        ann = make_user("ann", MANAGER, email="ann@example.com")
        made = save_form(as_staff(ann), {
            "name": "Contact us", "fields": FIELDS, "allowed_origins": SITE + "/\n",
            "thank_you": {"en": "Thanks!", "ro": "Mulțumim!"}})
        return made.key, ann.id


def _leads(app) -> list[Lead]:
    with app.app_context(), kontora(app).db.unit() as s:
        return list(s.scalars(select(Lead).order_by(Lead.id)))


def test_designing_a_form_checks_fields_and_origins(app):
    with app.app_context(), kontora(app).db.unit():
        admin = as_staff(make_user("ann", MANAGER))
        with pytest.raises(ValidationError) as exc:
            save_form(admin, {"name": "", "fields": [{"name": "password"}],
                              "allowed_origins": "javascript:alert(1)\nhttps://ok.ro/path"})
        assert set(exc.value.fields) == {"name", "fields", "allowed_origins"}
        with pytest.raises(ValidationError) as exc:
            save_form(admin, {"name": "No way back", "fields": [{"name": "company_name"}]})
        assert "e-mail address or a phone" in exc.value.fields["fields"][0]


def test_a_submission_makes_a_lead_and_tells_the_owner(app, form):
    key, ann_id = form
    client = app.test_client()
    sent = client.post(f"/api/v1/leads/forms/{key}", json={
        "person_name": "Ion Popescu", "email": "ion@alfa.ro", "company_name": "Alfa SRL",
        "description": "<script>alert(1)</script> need a quote", "_lang": "ro"},
        headers={"Origin": SITE})
    assert sent.status_code == 200, sent.get_json()
    assert sent.get_json() == {"ok": True, "message": "Mulțumim!"}
    assert sent.headers["Access-Control-Allow-Origin"] == SITE
    [lead] = _leads(app)
    assert (lead.source, lead.owner_id, lead.title) == ("web_form", ann_id,
                                                        "Contact us: Alfa SRL")
    assert lead.description.startswith("<script>")  # stored as given, escaped when shown
    with app.app_context(), kontora(app).db.unit() as s:
        notes = list(s.scalars(select(Notification.message).where(
            Notification.user_id == ann_id)))
    assert notes == ["New lead: Contact us: Alfa SRL"]
    plain = client.post(f"/api/v1/leads/forms/{key}",
                        data={"person_name": "Maria", "email": "maria@alfa.ro"},
                        headers={"Accept": "text/html"})
    assert plain.status_code == 200 and "Thanks!" in plain.get_data(as_text=True)
    assert len(_leads(app)) == 2


CHROMIUM_ACCEPT = ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
                   "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7")


@pytest.mark.parametrize(("accept", "page"), [
    (CHROMIUM_ACCEPT, True),                      # the snippet's form, sent by a browser
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", True),  # Firefox
    ("*/*", False), (None, False), ("application/json", False)])
def test_a_browser_sending_the_snippet_gets_the_thank_you_page(app, form, accept, page):
    key, _ann = form
    sent = app.test_client().post(
        f"/api/v1/leads/forms/{key}", data={"person_name": "Maria", "email": "maria@alfa.ro"},
        headers={"Origin": SITE, **({"Accept": accept} if accept else {})})
    assert sent.status_code == 200
    if page:
        assert sent.mimetype == "text/html" and "<p>Thanks!</p>" in sent.get_data(as_text=True)
    else:
        assert sent.get_json() == {"ok": True, "message": "Thanks!"}


def test_cors_preflight_only_for_allowed_origins(app, form):
    key, _ann = form
    client = app.test_client()
    ok = client.options(f"/api/v1/leads/forms/{key}", headers={
        "Origin": SITE, "Access-Control-Request-Method": "POST"})
    assert ok.status_code == 204
    assert ok.headers["Access-Control-Allow-Origin"] == SITE
    assert "POST" in ok.headers["Access-Control-Allow-Methods"]
    evil = client.options(f"/api/v1/leads/forms/{key}", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert evil.status_code == 403 and "Access-Control-Allow-Origin" not in evil.headers
    posted = client.post(f"/api/v1/leads/forms/{key}", json={
        "person_name": "X", "email": "x@evil.example"}, headers={"Origin": "https://evil.example"})
    assert posted.status_code == 403 and _leads(app) == []


def test_the_honeypot_is_answered_kindly_and_stores_nothing(app, form):
    key, _ann = form
    sent = app.test_client().post(f"/api/v1/leads/forms/{key}", json={
        "person_name": "Bot", "email": "bot@spam.example", "website": "http://spam"})
    assert sent.status_code == 200 and sent.get_json()["ok"] is True
    assert _leads(app) == []


HOSTILE = [
    ({"person_name": "A", "email": "a@b.ro", "extra": "x"}, 422, "extra"),
    ({"person_name": "A"}, 422, "email"),
    ({"email": "a@b.ro"}, 422, "person_name"),
    ({"person_name": ["A"], "email": "a@b.ro"}, 422, "person_name"),
    ({"person_name": {"$ne": 1}, "email": "a@b.ro"}, 422, "person_name"),
    ({"person_name": True, "email": "a@b.ro"}, 422, "person_name"),
    ({"person_name": None, "email": "a@b.ro"}, 422, "person_name"),
    ({"person_name": "A\x00B", "email": "a@b.ro"}, 422, "person_name"),
    ({"person_name": "A", "email": "not an address"}, 422, "email"),
    ({"person_name": "A" * 201, "email": "a@b.ro"}, 422, "person_name"),
    ({"person_name": "A", "email": "a@b.ro", "description": "x" * 20001}, 422, "description"),
    ({"person_name": "A", "email": "a@b.ro", "\x00": "x"}, 422, None),
    ({f"f{i}": "x" for i in range(40)}, 422, "_schema"),
]


def test_bad_and_hostile_input_is_a_4xx_with_field_errors(app, form):
    key, _ann = form
    client = app.test_client()
    url = f"/api/v1/leads/forms/{key}"
    addresses = (f"10.1.{n // 250}.{n % 250}" for n in range(1000))  # one each: no limit hit
    for body, status, field in HOSTILE:
        answer = client.post(url, data=json.dumps(body), content_type="application/json",
                             environ_base={"REMOTE_ADDR": next(addresses)})
        assert answer.status_code == status, (body, answer.get_json())
        if field:
            assert field in answer.get_json()["fields"], (body, answer.get_json())
    raw = [(b"{not json", "application/json", 400), (b"[1, 2]", "application/json", 400),
           (b'"text"', "application/json", 400), (b"\xff\xfe\x00", "application/json", 400),
           (b"a" * 40000, "application/x-www-form-urlencoded", 413),
           (b"person_name=A&person_name=B&email=a%40b.ro", "application/x-www-form-urlencoded",
            422),
           (b"<xml/>", "application/xml", 415), (b"x", "text/plain", 415),
           (b"[" * 100000 + b"]" * 100000, "application/json", 413)]
    for payload, kind, status in raw:
        answer = client.post(url, data=payload, content_type=kind,
                             environ_base={"REMOTE_ADDR": next(addresses)})
        assert answer.status_code == status, (payload[:40], answer.status_code)
    for path in ("nope", "k" * 5000):
        assert client.post(f"/api/v1/leads/forms/{path}", json={},
                           environ_base={"REMOTE_ADDR": next(addresses)}).status_code == 404
    assert _leads(app) == []


def test_the_rate_limit_answers_429(app, form):
    key, _ann = form
    client = app.test_client()
    answers = [client.post(f"/api/v1/leads/forms/{key}", json={"person_name": "A"},
                           environ_base={"REMOTE_ADDR": "10.9.9.9"}).status_code
               for _ in range(12)]
    assert answers[:10] == [422] * 10 and answers[-1] == 429


def test_snippet_and_admin_pages(app, form, sign_in):
    key, _ann = form
    browser = sign_in("boss", MANAGER)
    listing = browser.get("/leads/forms").get_data(as_text=True)
    assert "Contact us" in listing
    with app.app_context(), kontora(app).db.unit() as s:
        from plugins.leads.models import WebForm

        form_id = s.scalar(select(WebForm.id))
    page = browser.get(f"/leads/forms/{form_id}?lang=ro").get_data(as_text=True)
    assert f"/api/v1/leads/forms/{key}" in page and "Numele dvs." in page
    assert "name=&#34;website&#34;" in page  # the honeypot, shown escaped in the snippet
    assert sign_in("seller", ["leads.read"]).get("/leads/forms").status_code == 403
    saved = browser.post("/leads/forms/new", {"name": "Quote", "use_phone": "on",
                                              "req_phone": "on", "active": "on"})
    assert saved.status_code == 302
    refused = browser.post("/leads/forms/new", {"name": ""})
    assert refused.status_code == 422
