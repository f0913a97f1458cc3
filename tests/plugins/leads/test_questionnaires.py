"""Questionnaires: typed templates, a single-use expiring link, answers on the record."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, text, update

from core.db import utcnow
from core.errors import ValidationError
from core.kernel import kontora
from core.links.models import ClientLink
from core.web.models import Notification
from plugins.leads.models import QuestionnaireResponse
from plugins.leads.seed import seed_defaults
from plugins.leads.services import create_lead
from plugins.leads.services.questionnaires import (
    parse_lines,
    save_template,
    send_questionnaire,
)
from tests.plugins.leads.conftest import MANAGER, as_staff, make_user

QUESTIONS = """text | What do you need built? | required
number | Floor area (m2) | required
choice | Roof type | optional | flat; pitched
multi_choice | Which rooms? | optional | kitchen; bath; office
date | Start by | optional
yes_no | Do you own the land? | required"""


def test_templates_check_the_question_types(ctx):
    admin = as_staff(make_user("boss", MANAGER))
    template = save_template(admin, {"name": "House brief", "questions": parse_lines(QUESTIONS)})
    assert [q["type"] for q in template.questions] == [
        "text", "number", "choice", "multi_choice", "date", "yes_no"]
    assert template.questions[2]["choices"] == ["flat", "pitched"]
    with pytest.raises(ValidationError) as exc:
        save_template(admin, {"name": "Bad", "questions": parse_lines(
            "colour | Favourite colour\nchoice | Only one | required | alone\nno pipes here")})
    assert set(exc.value.fields) == {"questions.0.type", "questions.1.choices",
                                     "questions.2.type"}


@pytest.fixture
def sent(app):
    """A questionnaire sent for ann's lead: (path of the link, lead id, ann's id)."""
    with app.app_context(), kontora(app).db.unit() as s:
        seed_defaults(s)
        ann = make_user("ann", MANAGER)
        principal = as_staff(ann)
        template = save_template(principal, {"name": "House brief",
                                             "questions": parse_lines(QUESTIONS)})
        lead = create_lead(principal, {"title": "House for Ion"})
        _response, link = send_questionnaire(principal, template.id, "leads.lead", lead.id,
                                             days=7)
        assert link.startswith(kontora().settings.base_url + "/l/")
        return link.split(kontora().settings.base_url, 1)[1], lead.id, ann.id


def test_the_link_is_not_kept_in_plain_text(app, sent):
    """Only core.links' hash of the token is stored; the questionnaire row has no copy."""
    token = sent[0].rsplit("/", 1)[1]
    with app.app_context(), kontora(app).db.unit() as s:
        rows = s.execute(text("SELECT * FROM leads_questionnaire_response")).all()
    assert rows and not any(token in str(value) for row in rows for value in row)


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_the_client_answers_once_and_the_owner_is_told(app, sent, sign_in):
    path, lead_id, ann_id = sent
    client = app.test_client()
    page = client.get(path)
    assert page.status_code == 200 and "Floor area" in page.get_data(as_text=True)
    token = _csrf(page.get_data(as_text=True))
    bad = client.post(path, data={"csrf_token": token, "q1": "", "q2": "lots",
                                  "q3": "round", "q4": ["kitchen", "garage"], "q5": "31.02.2026",
                                  "q6": "maybe", "q99": "x"})
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert "This field is required." in text and "Give a number." in text
    good = client.post(path, data={"csrf_token": token, "q1": "<b>A house</b>",
                                   "q2": "120,5", "q3": "flat", "q4": ["office", "kitchen"],
                                   "q5": "2026-05-01", "q6": "yes"})
    assert good.status_code == 200 and "your answers were sent" in good.get_data(as_text=True)
    again = client.get(path)
    assert again.status_code in (404, 410) or "already used" in again.get_data(as_text=True)
    assert client.post(path, data={"csrf_token": token, "q1": "x", "q2": "1",
                                   "q6": "no"}).status_code >= 400
    with app.app_context(), kontora(app).db.unit() as s:
        response = s.scalar(select(QuestionnaireResponse))
        assert response.answers == {"q1": "<b>A house</b>", "q2": "120.5", "q3": "flat",
                                    "q4": ["kitchen", "office"], "q5": "2026-05-01",
                                    "q6": True}
        assert s.scalar(select(Notification.message).where(Notification.user_id == ann_id)) \
            == "House brief was answered for House for Ion"
    browser = sign_in("viewer", MANAGER)
    lead_page = browser.get(f"/leads/{lead_id}").get_data(as_text=True)
    assert "Questionnaires" in lead_page and "&lt;b&gt;A house&lt;/b&gt;" in lead_page


def test_an_expired_link_shows_a_clear_page(app, sent):
    path, _lead, _ann = sent
    with app.app_context(), kontora(app).db.unit() as s:
        s.execute(update(ClientLink).values(expires_at=utcnow() - timedelta(minutes=1)))
    answer = app.test_client().get(path)
    assert answer.status_code >= 400 and "expired" in answer.get_data(as_text=True)
    assert app.test_client().get("/l/not-a-token").status_code in (400, 404)


def test_sending_needs_write_access_to_the_record(app, sent, sign_in):
    _path, lead_id, _ann = sent
    with app.app_context(), kontora(app).db.unit() as s:
        template_id = s.scalar(select(QuestionnaireResponse.template_id))
        reader = as_staff(make_user("cid", ["leads.read"]))
        with pytest.raises(Exception) as exc:
            send_questionnaire(reader, template_id, "leads.lead", lead_id)
        assert getattr(exc.value, "status", None) == 403
        writer = as_staff(make_user("dan", MANAGER))
        with pytest.raises(ValidationError):
            send_questionnaire(writer, template_id, "catalog.product", 1)
    browser = sign_in("eve", MANAGER)
    posted = browser.post("/leads/questionnaires/send", {
        "record_kind": "leads.lead", "record_id": str(lead_id), "template_id": str(template_id),
        "days": "3", "next": f"/leads/{lead_id}"})
    assert posted.status_code == 302
    assert "/l/" in browser.get(f"/leads/{lead_id}").get_data(as_text=True)


def test_admin_pages(app, sign_in):
    with app.app_context(), kontora(app).db.unit() as s:
        seed_defaults(s)
    browser = sign_in("boss", MANAGER)
    saved = browser.post("/leads/questionnaires/new", {"name": "Brief", "active": "on",
                                                       "questions": QUESTIONS})
    assert saved.status_code == 302
    assert "Brief" in browser.get("/leads/questionnaires").get_data(as_text=True)
    refused = browser.post("/leads/questionnaires/new", {"name": "Brief", "questions": ""})
    assert refused.status_code == 422
    settings = browser.get("/leads/settings").get_data(as_text=True)
    assert "Negotiation" in settings and "Price too high" in settings
    assert browser.post("/leads/settings/pipelines", {"name": "Rentals"}).status_code == 302
    assert "Rentals" in browser.get("/leads/settings").get_data(as_text=True)
    assert sign_in("seller", ["leads.read"]).get("/leads/settings").status_code == 403
