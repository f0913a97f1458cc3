"""Questionnaires in the client portal: sent for the client, filled there with the link's
checks, answered once whichever way comes first, and the owner told."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.app import kontora
from core.identity.users import principal_for
from core.web.models import Notification
from plugins.leads.models import QuestionnaireResponse
from tests.fixtures.smtp import smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.leads.conftest import MANAGER
from tests.plugins.leads.test_questionnaires import QUESTIONS
from tests.plugins.orders.conftest import make_user
from tests.plugins.portal.conftest import invited, papp, two_clients  # noqa: F401  (fixtures)


def send_brief(app: Any, client_id: int, login: str = "vera") -> tuple[int, str, int]:
    """A questionnaire sent for the client: (its id, the link's path, the sender's id)."""
    from plugins.leads.seed import seed_defaults
    from plugins.leads.services.questionnaires import (
        parse_lines,
        save_template,
        send_questionnaire,
    )

    with app.test_request_context(), kontora(app).db.unit() as s:
        seed_defaults(s)
        vera = make_user(login, sorted({*MANAGER, "parties.read", "parties.write"}))
        staff = principal_for(vera.id)
        template = save_template(staff, {"name": f"Site brief {client_id}",
                                         "questions": parse_lines(QUESTIONS)})
        response, link = send_questionnaire(staff, template.id, "parties.client", client_id)
        return response.id, link.split(kontora().settings.base_url, 1)[1], vera.id


def test_the_client_fills_a_questionnaire_in_the_portal(papp, smtp_inbox, two_clients):  # noqa: F811
    alfa = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    response_id, link, _sender = send_brief(papp, two_clients["a"])
    listing = alfa.get("/portal/questionnaires/").get_data(as_text=True)
    assert f'data-questionnaire="{response_id}"' in listing and "To fill" in listing
    page = f"/portal/questionnaires/{response_id}"
    assert "Floor area" in alfa.get(page).get_data(as_text=True)
    bad = alfa.post(page, {"q1": "", "q2": "lots", "q6": "maybe"}, form_page=page)
    assert bad.status_code == 422
    assert 'id="f-q1-error"' in bad.get_data(as_text=True)
    good = {"q1": "A warehouse", "q2": "1200", "q4": ["bath", "office"], "q6": "no"}
    assert alfa.post(page, good, form_page=page).status_code == 303
    assert alfa.post(page, good, form_page=page).status_code == 409  # answered: a resubmit
    shown = alfa.get(page).get_data(as_text=True)
    assert "A warehouse" in shown and "bath, office" in shown
    assert papp.test_client().get(link).status_code in (404, 410)  # the link is done too
    with papp.app_context(), kontora(papp).db.unit() as s:
        response = s.get(QuestionnaireResponse, response_id)
        assert response.answers == {"q1": "A warehouse", "q2": "1200",
                                    "q4": ["bath", "office"], "q6": False}
        told = s.scalars(select(Notification.message).where(
            Notification.user_id == two_clients["staff"])).all()
        assert "Site brief {} was answered for Alfa Construct SRL".format(
            two_clients["a"]) in told
