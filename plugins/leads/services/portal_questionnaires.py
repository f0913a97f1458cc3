"""Questionnaires in the client portal: the questionnaires sent for the client are there to
fill, as they are behind the e-mailed link.

The caller is a portal principal acting for a client; a questionnaire is the client's when
it was sent for the client's record (``parties.client``). Answers go through the same
checks and the same recording as the link's (``services.questionnaires``), and once stored
through either way the other refuses. Anything else is 404.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import session, utcnow
from core.errors import Conflict, NotFound
from core.i18n import gettext as _
from core.identity.guards import portal_record_id
from core.services import act_as
from plugins.leads.models import QuestionnaireResponse
from plugins.leads.services.questionnaires import check_answers, record_answers

CLIENT = "parties.client"


def _client_id(principal: Any) -> int:
    """The client a portal principal acts for (403 for anyone else)."""
    return portal_record_id(principal, CLIENT)


def client_questionnaires(principal: Any) -> list[QuestionnaireResponse]:
    """The questionnaires sent for the client, newest first."""
    return list(session().scalars(
        select(QuestionnaireResponse).where(
            QuestionnaireResponse.record_kind == CLIENT,
            QuestionnaireResponse.record_id == _client_id(principal))
        .order_by(QuestionnaireResponse.id.desc())))


def client_questionnaire(principal: Any, response_id: int) -> QuestionnaireResponse:
    """One questionnaire sent for the client (404 for any other)."""
    found = session().get(QuestionnaireResponse, response_id)
    if found is None or found.record_kind != CLIENT or \
            found.record_id != _client_id(principal):
        raise NotFound(_("There is no such questionnaire."))
    return found


def is_open(response: QuestionnaireResponse) -> bool:
    """Whether it may still be answered: not yet answered, not expired."""
    return response.submitted_at is None and response.expires_at > utcnow()


def answer_in_portal(principal: Any, response_id: int,
                     answers: dict[str, Any]) -> QuestionnaireResponse:
    """The client answers one of its open questionnaires; the owner is told."""
    response = client_questionnaire(principal, response_id)
    if not is_open(response):
        raise Conflict(_("This questionnaire can no longer be answered."))
    act_as(principal)
    return record_answers(response, check_answers(response.questions, answers))
