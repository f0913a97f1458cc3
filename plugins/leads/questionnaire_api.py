"""REST endpoints of questionnaires: templates (``/api/v1/leads/questionnaires``), sending
one for a lead or client as a link, the answers on a record, and the client's side of the
link (public, as the page behind it). The same services as the pages."""

from __future__ import annotations

from flask import jsonify, request

from core.api.blueprint import (
    RECORD_ID,
    api_blueprint,
    api_principal,
    is_whole_number,
    json_body,
)
from core.api.openapi import operation
from core.db import session
from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import limiter
from core.services import validate
from plugins.leads.models import QuestionnaireTemplate
from plugins.leads.questionnaire_schemas import (
    QuestionnaireAnswersSchema,
    QuestionnaireFormSchema,
    QuestionnaireSendSchema,
    QuestionnaireSentSchema,
    QuestionnaireTemplateSchema,
)
from plugins.leads.services import questionnaires as service

bp = api_blueprint("leads_questionnaires_api", __name__)

BASE = "/leads/questionnaires"
TAGS = ["leads"]
ANSWERS = {"type": "object", "additionalProperties": {
    "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    "description": "Answers by question key (q1, q2 ...); a list for multi_choice."}


@bp.get(BASE)
@operation("GET", summary="Questionnaire templates (all to their admin, else the active)",
           tags=TAGS, responses={200: QuestionnaireTemplateSchema(many=True)})
def list_templates():
    return jsonify(QuestionnaireTemplateSchema(many=True).dump(
        service.visible_templates(api_principal())))


@bp.post(BASE)
@operation("POST", summary="Add a questionnaire template", tags=TAGS,
           request=QuestionnaireTemplateSchema, responses={201: QuestionnaireTemplateSchema},
           errors=(422,))
def create_template():
    principal = api_principal()
    values = validate(QuestionnaireTemplateSchema(), json_body())
    template = service.save_template(principal, values)
    return jsonify(QuestionnaireTemplateSchema().dump(template)), 201


@bp.get(f"{BASE}/<{RECORD_ID}:record_id>")
@operation("GET", summary="A questionnaire template", tags=TAGS,
           responses={200: QuestionnaireTemplateSchema})
def get_template(record_id: int):
    return jsonify(QuestionnaireTemplateSchema().dump(
        service.get_template(api_principal(), record_id)))


@bp.put(f"{BASE}/<{RECORD_ID}:record_id>")
@operation("PUT", summary="Replace a questionnaire template (sent ones keep their questions)",
           tags=TAGS, request=QuestionnaireTemplateSchema,
           responses={200: QuestionnaireTemplateSchema}, errors=(422,))
def replace_template(record_id: int):
    principal = api_principal()
    values = validate(QuestionnaireTemplateSchema(), json_body())
    template = service.save_template(principal, values, record_id)
    return jsonify(QuestionnaireTemplateSchema().dump(template))


@bp.delete(f"{BASE}/<{RECORD_ID}:record_id>")
@operation("DELETE", summary="Remove a questionnaire template (sent ones keep their "
           "questions and answers)", tags=TAGS, responses={204: None})
def delete_template(record_id: int):
    service.delete_template(api_principal(), record_id)
    return "", 204


@bp.post(f"{BASE}/<{RECORD_ID}:record_id>/send")
@operation("POST", summary="Send the questionnaire for a lead or client: a single-use link",
           tags=TAGS, request=QuestionnaireSendSchema,
           responses={201: QuestionnaireSentSchema}, errors=(422,))
def send(record_id: int):
    principal = api_principal()
    values = validate(QuestionnaireSendSchema(), json_body())
    response, link = service.send_questionnaire(
        principal, record_id, values["record_kind"], values["record_id"], days=values["days"],
        email=values["email"])
    return jsonify(QuestionnaireSentSchema().dump({"link": link, "response": response})), 201


@bp.get("/leads/questionnaire-answers")
@operation("GET", summary="The questionnaires sent for a lead or client, newest first",
           tags=TAGS, responses={200: QuestionnaireAnswersSchema(many=True)},
           parameters=[
               {"name": "record_kind", "in": "query", "required": True,
                "schema": {"type": "string", "enum": list(service.RECORD_KINDS)}},
               {"name": "record_id", "in": "query", "required": True,
                "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647}}])
def answers():
    principal = api_principal()
    kind, record = request.args.get("record_kind", ""), request.args.get("record_id", "")
    errors: dict[str, list[str]] = {}
    if kind not in service.RECORD_KINDS:
        errors["record_kind"] = [_("Questionnaires go to leads and clients.")]
    if not is_whole_number(record) or not 0 < int(record) <= 2147483647:
        errors["record_id"] = [_("Give the id of a record.")]
    if errors:
        raise ValidationError(_("The input is not valid."), fields=errors)
    return jsonify(QuestionnaireAnswersSchema(many=True).dump(
        service.responses_of(principal, kind, int(record))))


@bp.route("/leads/q/<token>", methods=["GET", "POST"])
@limiter.limit("60 per minute")
@operation("GET", summary="The questionnaire behind a client's link (public)", tags=TAGS,
           responses={200: QuestionnaireFormSchema}, errors=(410,), public=True)
@operation("POST", summary="Answer the questionnaire behind a client's link (public, once)",
           tags=TAGS, request=ANSWERS, responses={200: QuestionnaireAnswersSchema},
           errors=(410, 422), public=True)
def public_form(token: str):
    if request.method == "POST":
        response = service.submit_answers(token, json_body())
        return jsonify(QuestionnaireAnswersSchema(only=(
            "id", "title", "submitted_at")).dump(response))
    _link, response = service.open_questionnaire(token)
    template = session().get(QuestionnaireTemplate, response.template_id) \
        if response.template_id else None
    return jsonify(QuestionnaireFormSchema().dump({
        "title": response.title, "intro": template.intro if template else None,
        "expires_at": response.expires_at, "questions": response.questions}))
