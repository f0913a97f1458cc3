"""Questionnaires: the admin's templates, sending one for a record, the client's public
form behind the link, and the answers on the record's page."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from markupsafe import Markup

from core.db import session
from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import current_principal, limiter
from core.identity.guards import login_required, permission_required
from core.web.switches import switch_on
from plugins.leads.labels import QUESTION_TYPE_LABELS
from plugins.leads.models import QuestionnaireTemplate
from plugins.leads.questionnaire_form import answers_from
from plugins.leads.services import questionnaires as service
from plugins.leads.views import bp
from plugins.leads.views.common import back


@bp.get("/questionnaires")
@permission_required("leads.forms.admin")
def questionnaires():
    return render_template("leads/questionnaires.html",
                           templates=service.templates(active_only=False))


@bp.route("/questionnaires/new", methods=["GET", "POST"], defaults={"template_id": None})
@bp.route("/questionnaires/<int:template_id>", methods=["GET", "POST"])
@permission_required("leads.forms.admin")
def questionnaire_edit(template_id: int | None):
    template = session().get(QuestionnaireTemplate, template_id) if template_id else None
    values: dict[str, Any] = {"name": template.name if template else "",
                              "intro": (template.intro or "") if template else "",
                              "active": template.active if template else True,
                              "questions": service.as_lines(template.questions)
                              if template else ""}
    errors: dict[str, Any] = {}
    status = 200
    if request.method == "POST":
        values = {"name": request.form.get("name", ""), "intro": request.form.get("intro", ""),
                  "active": switch_on(request.form, "active"),
                  "questions": request.form.get("questions", "")}
        try:
            template = service.save_template(current_principal(), {
                **values, "questions": service.parse_lines(values["questions"])}, template_id)
        except ValidationError as exc:
            errors, status = exc.fields or {}, 422
        else:
            flash(_("Questionnaire saved."), "success")
            return redirect(url_for("leads.questionnaire_edit", template_id=template.id))
    return render_template("leads/questionnaire_edit.html", template=template, values=values,
                           errors=errors, types=QUESTION_TYPE_LABELS), status


@bp.post("/questionnaires/send")
@login_required
def questionnaire_send():
    kind = request.form.get("record_kind", "")
    record = request.form.get("record_id", "")
    template = request.form.get("template_id", "")
    days = request.form.get("days", "14")
    try:
        _response, link = service.send_questionnaire(
            current_principal(), int(template) if template.isdigit() else 0, kind,
            int(record) if record.isdigit() else 0, days=int(days) if days.isdigit() else 0,
            email=request.form.get("email", "").strip() or None)
    except ValidationError as exc:
        flash(exc.message + " " + " ".join(" ".join(map(str, v)) for v in
                                           (exc.fields or {}).values()), "danger")
    else:
        flash(_("The questionnaire link: %(link)s", link=link), "success")
    return back("leads.lead_list")


@bp.route("/q/<token>", methods=["GET", "POST"])
@limiter.limit("60 per minute")  # as /l/<token>, which hands over to it
def questionnaire_public(token: str):
    """The client's form behind a ``leads.questionnaire`` link (no sign-in)."""
    _link, response = service.open_questionnaire(token)
    errors: dict[str, Any] = {}
    values: dict[str, Any] = {}
    if request.method == "POST":
        values, answers = answers_from(request.form, response.questions)
        try:
            service.submit_answers(token, answers)
        except ValidationError as exc:
            errors = exc.fields or {}
        else:
            return render_template("leads/questionnaire_done.html", response=response)
    template = session().get(QuestionnaireTemplate, response.template_id) \
        if response.template_id else None
    return render_template("leads/questionnaire_public.html", response=response,
                           intro=template.intro if template else None, errors=errors,
                           values=values), 422 if errors else 200


def responses_panel(kind: str, record_id: int) -> Markup:
    principal = current_principal()
    return Markup(render_template(
        "leads/_questionnaires.html", kind=kind, record_id=record_id,
        responses=service.responses_of(principal, kind, record_id),
        templates=service.templates(), can_send=principal.has("leads.write")))
