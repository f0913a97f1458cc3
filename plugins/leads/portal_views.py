"""The inquiry section of the client portal (``/portal/inquiry``): the client asks for
something and the owner gets it as a lead (``services.portal``); and the questionnaires
section (``/portal/questionnaires``): the questionnaires sent for the client, to fill as
behind the e-mailed link (``services.portal_questionnaires``).

Shown only when the portal plugin is enabled: it asks for the section through
``kontora_portal_sections`` and provides the ``portal/layout.html`` these pages extend.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from core.db import session
from core.errors import Conflict, ValidationError
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.identity.guards import portal_pages_only
from plugins.leads.models import QuestionnaireTemplate
from plugins.leads.questionnaire_form import answers_from
from plugins.leads.services.portal import submit_inquiry
from plugins.leads.services.portal_questionnaires import (
    answer_in_portal,
    client_questionnaire,
    client_questionnaires,
    is_open,
)

bp = Blueprint("leads_portal", __name__, url_prefix="/portal/inquiry",
               template_folder="templates")
bp.before_request(portal_pages_only)
questionnaires_bp = Blueprint("leads_questionnaires_portal", __name__,
                              url_prefix="/portal/questionnaires", template_folder="templates")
questionnaires_bp.before_request(portal_pages_only)




def portal_sections() -> list[dict[str, Any]]:
    return [{"key": "inquiry", "title": _l("Ask us"), "endpoint": "leads_portal.index",
             "order": 60},
            {"key": "questionnaires", "title": _l("Questionnaires"),
             "endpoint": "leads_questionnaires_portal.index", "order": 55}]


@bp.route("/", methods=["GET", "POST"])
def index() -> str | Response | tuple[str, int]:
    values = {name: request.form.get(name, "") for name in ("title", "description")}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            submit_inquiry(current_principal(), values)
        except ValidationError as exc:
            errors = exc.fields or {"_": [exc.message]}
        else:
            flash(_("Thank you: your inquiry is with us and we will answer soon."), "success")
            return redirect(url_for("leads_portal.index"), code=303)
    return render_template("leads/portal/inquiry.html", values=values, errors=errors), \
        422 if errors else 200


@questionnaires_bp.get("/", endpoint="index")
def questionnaires() -> str:
    return render_template("leads/portal/questionnaires.html",
                           responses=client_questionnaires(current_principal()),
                           is_open=is_open)


@questionnaires_bp.route("/<int:response_id>", methods=["GET", "POST"], endpoint="detail")
def questionnaire(response_id: int) -> str | Response | tuple[str, int]:
    principal = current_principal()
    response = client_questionnaire(principal, response_id)
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    message, status = None, 200
    if request.method == "POST":
        values, answers = answers_from(request.form, response.questions)
        try:
            answer_in_portal(principal, response.id, answers)
        except (ValidationError, Conflict) as exc:
            errors, message, status = exc.fields or {}, exc.message, exc.status
        else:
            flash(_("Thank you, your answers were sent."), "success")
            return redirect(url_for("leads_questionnaires_portal.detail",
                                    response_id=response.id), code=303)
    template = session().get(QuestionnaireTemplate, response.template_id) \
        if response.template_id else None
    return render_template("leads/portal/questionnaire.html", response=response,
                           intro=template.intro if template else None, values=values,
                           errors=errors, message=message, can_answer=is_open(response)), \
        status
