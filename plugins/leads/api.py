"""REST endpoints of leads (``/api/v1``): the generic resource, stage moves, conversion,
calculator lines, contact persons, the token-protected website API and the public web-form
endpoint."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, make_response, render_template, request
from marshmallow import Schema, fields
from werkzeug.exceptions import RequestEntityTooLarge

from core.api.blueprint import (
    RECORD_ID,
    api_blueprint,
    api_principal,
    is_whole_number,
    json_body,
)
from core.api.etag import expected_version, with_etag
from core.api.fields import JsonBoolean, RecordId
from core.api.openapi import operation
from core.api.resources import register_resource
from core.errors import NotFound, ValidationError
from core.i18n import gettext as _
from core.identity import limiter
from core.services import validate
from plugins.leads import services
from plugins.leads.schemas import (
    LeadContactSchema,
    LeadSchema,
    LineSchema,
    MoveSchema,
    WebsiteLeadSchema,
)
from plugins.leads.services import calculator
from plugins.leads.services.board import column_summaries
from plugins.leads.services.convert import convert_lead
from plugins.leads.services.pipelines import pipelines

bp = api_blueprint("leads_api", __name__)
register_resource(bp, kind="leads.lead", schema=LeadSchema,
                  filters=["status", "source", "pipeline_id", "stage_id", "owner_id",
                           "client_id"])

LEAD = "/leads.lead"
TAGS = ["leads"]
FORM_MAX_BYTES = 32 * 1024
"""A web-form submission is a few short fields; anything bigger is refused unread."""


FORM_FIELDS = {"type": "object", "additionalProperties": {"type": "string"},
               "description": "The form's fields by name, as its admin defined them."}


class ConvertSchema(Schema):
    client_id = RecordId(allow_none=True)
    client = fields.Dict(allow_none=True)
    allow_duplicate = JsonBoolean(load_default=False)


class ConvertedSchema(Schema):
    client_id = RecordId()
    lead = fields.Nested(LeadSchema)


class SubmittedSchema(Schema):
    ok = fields.Boolean()
    message = fields.String()


class BoardColumnSchema(Schema):
    stage_id = fields.Integer()
    name = fields.String()
    count = fields.Integer(metadata={"description": "Every lead of the stage the caller may read."})
    totals = fields.Dict(keys=fields.String(), values=fields.Decimal(places=2, as_string=True),
                         metadata={"description": "Budgets summed per currency."})


class LeadBoardSchema(Schema):
    pipeline_id = fields.Integer()
    columns = fields.List(fields.Nested(BoardColumnSchema))


def _lead(lead: Any, status: int = 200) -> Response:
    response = with_etag(jsonify(LeadSchema().dump(lead)), lead)
    response.status_code = status
    return response


@bp.get(f"{LEAD}/board")
@operation("GET", summary="The board's columns: count and budgets per currency of each stage",
           tags=TAGS, responses={200: LeadBoardSchema}, errors=(404,), parameters=[
               {"name": "pipeline_id", "in": "query", "schema": {"type": "integer"},
                "description": "The pipeline (default: the default pipeline)."},
               {"name": "owner_id", "in": "query", "schema": {"type": "integer"},
                "description": "Only this owner's leads."}])
def board():
    """What the web board's column heads show. A column's cards are the generic list's pages:
    ``GET /leads.lead?stage_id=<id>&sort=-stage_entered_at&limit=25`` and its ``cursor``."""
    principal = api_principal()
    pipeline_id, owner_id = (_whole(name) for name in ("pipeline_id", "owner_id"))
    every = pipelines(active_only=pipeline_id is None)
    pipeline = next((p for p in every if p.id == pipeline_id) if pipeline_id is not None
                    else (p for p in every if p.is_default), None)
    if pipeline is None:
        raise NotFound(_("There is no such pipeline."))
    summaries = column_summaries(principal, [s.id for s in pipeline.stages], owner_id)
    return jsonify(LeadBoardSchema().dump({"pipeline_id": pipeline.id, "columns": [
        {"stage_id": s.id, "name": s.name, "count": summaries[s.id].count,
         "totals": summaries[s.id].totals} for s in pipeline.stages]}))


def _whole(name: str) -> int | None:
    raw = request.args.get(name)
    if raw is None:
        return None
    if not is_whole_number(raw):
        raise ValidationError(_("Invalid value for %(field)s.", field=name),
                              fields={name: [_("Not a valid whole number.")]})
    return int(raw)


@bp.post(f"{LEAD}/<{RECORD_ID}:record_id>/move")
@operation("POST", summary="Move a lead to another stage", tags=TAGS, request=MoveSchema,
           responses={200: LeadSchema}, errors=(409, 412))
def move(record_id: int):
    data = json_body()
    version = expected_version()
    if version is not None:
        data.setdefault("version", version)
    return _lead(services.move_lead(api_principal(), record_id, data))


@bp.post(f"{LEAD}/<{RECORD_ID}:record_id>/convert")
@operation("POST", summary="Convert a lead to a client (new, or an existing client_id)",
           tags=TAGS, request=ConvertSchema, responses={200: ConvertedSchema}, errors=(409,))
def convert(record_id: int):
    values = validate(ConvertSchema(), json_body())
    client = convert_lead(api_principal(), record_id, values.get("client"),
                          client_id=values.get("client_id"),
                          allow_duplicate=values["allow_duplicate"])
    lead = services.load_lead(api_principal(), record_id)
    return jsonify(ConvertedSchema().dump({"client_id": client.id, "lead": lead}))


@bp.get(f"{LEAD}/<{RECORD_ID}:record_id>/lines")
@operation("GET", summary="The lead's cost-calculator lines", tags=TAGS,
           responses={200: LineSchema(many=True)})
def lines(record_id: int):
    lead = services.load_lead(api_principal(), record_id)
    return jsonify(LineSchema(many=True).dump(lead.lines))


@bp.post(f"{LEAD}/<{RECORD_ID}:record_id>/lines")
@operation("POST", summary="Add a calculator line (the total becomes the budget)", tags=TAGS,
           request=LineSchema, responses={201: LineSchema})
def add_line(record_id: int):
    line = calculator.add_line(api_principal(), record_id, json_body())
    return jsonify(LineSchema().dump(line)), 201


@bp.patch(f"{LEAD}/<{RECORD_ID}:record_id>/lines/<{RECORD_ID}:line_id>")
@operation("PATCH", summary="Change a calculator line", tags=TAGS, request=LineSchema,
           responses={200: LineSchema})
def update_line(record_id: int, line_id: int):
    line = calculator.update_line(api_principal(), record_id, line_id, json_body())
    return jsonify(LineSchema().dump(line))


@bp.delete(f"{LEAD}/<{RECORD_ID}:record_id>/lines/<{RECORD_ID}:line_id>")
@operation("DELETE", summary="Remove a calculator line", tags=TAGS, responses={204: None})
def remove_line(record_id: int, line_id: int):
    calculator.remove_line(api_principal(), record_id, line_id)
    return "", 204


@bp.get(f"{LEAD}/<{RECORD_ID}:record_id>/contacts")
@operation("GET", summary="The lead's contact persons", tags=TAGS,
           responses={200: LeadContactSchema(many=True)})
def contacts(record_id: int):
    lead = services.load_lead(api_principal(), record_id)
    return jsonify(LeadContactSchema(many=True).dump(lead.contacts))


@bp.post(f"{LEAD}/<{RECORD_ID}:record_id>/contacts")
@operation("POST", summary="Add a contact person to a lead (the first is the primary one)",
           tags=TAGS, request=LeadContactSchema, responses={201: LeadContactSchema})
def add_contact(record_id: int):
    contact = services.add_lead_contact(api_principal(), record_id, json_body())
    return jsonify(LeadContactSchema().dump(contact)), 201


@bp.delete(f"{LEAD}/<{RECORD_ID}:record_id>/contacts/<{RECORD_ID}:contact_id>")
@operation("DELETE", summary="Remove a lead's contact person", tags=TAGS,
           responses={204: None})
def remove_contact(record_id: int, contact_id: int):
    services.remove_lead_contact(api_principal(), record_id, contact_id)
    return "", 204


@bp.post(f"{LEAD}/website")
@operation("POST", summary="Create a lead from the company website (token with leads.create)",
           tags=TAGS, request=WebsiteLeadSchema, responses={201: LeadSchema}, errors=(409,))
def website_lead():
    lead = services.create_lead(api_principal(), json_body(), source="website_api",
                                notify_owner=True)
    return _lead(lead, 201)


# --- public web forms ----------------------------------------------------------------------


@bp.route("/leads/forms/<key>", methods=["POST", "OPTIONS"], provide_automatic_options=False)
@limiter.limit("10 per minute; 100 per hour", methods=["POST"])
@operation("OPTIONS", summary="CORS preflight of a web form (allowed origins only)",
           tags=TAGS, responses={204: None}, public=True)
@operation("POST", summary="Submit a web form (public; JSON or form-encoded)", tags=TAGS,
           request=FORM_FIELDS, request_types=("application/json",
                                               "application/x-www-form-urlencoded"),
           responses={200: SubmittedSchema}, errors=(413, 415, 422), public=True)
def web_form(key: str):
    if request.method == "OPTIONS":
        return _preflight(key)
    return _submit(key)


def _preflight(key: str) -> Response:
    from plugins.leads.services.webforms import form_by_key

    origin = request.headers.get("Origin")
    form = form_by_key(key)
    if origin is None or origin.rstrip("/") not in form.origins:
        return _vary(make_response("", 403))
    response = make_response("", 204)
    response.headers.update({
        "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Methods": "POST",
        "Access-Control-Allow-Headers": "Content-Type", "Access-Control-Max-Age": "3600"})
    return _vary(response)


def _submit(key: str) -> Response:
    from plugins.leads.services.webforms import LANGUAGE, submit, thank_you

    if (request.content_length or 0) > FORM_MAX_BYTES:
        raise RequestEntityTooLarge()
    payload = _form_payload()
    origin = request.headers.get("Origin")
    _made, form = submit(key, payload, origin=origin)
    language = str(payload.get(LANGUAGE) or "")[:5] or (
        request.accept_languages.best_match(["en", "ro", "bg", "ru"]) or "en")
    message = thank_you(form, language)
    if request.is_json or not _wants_a_page():
        response = jsonify({"ok": True, "message": message})
    else:
        response = make_response(render_template("leads/form_thanks.html", message=message,
                                                 language=language))
    if origin is not None:
        response.headers["Access-Control-Allow-Origin"] = origin
    return _vary(response)


def _wants_a_page() -> bool:
    """A browser sending the plain HTML snippet asks for a page (``text/html`` among other
    types, ``*/*`` at a lower weight); scripts and ``*/*`` alone get JSON."""
    return request.accept_mimetypes.best_match(["application/json", "text/html"]) \
        == "text/html"


def _form_payload() -> dict[str, Any]:
    """The submitted fields: a JSON object, or the form fields (each sent once)."""

    if request.is_json:
        return json_body()
    if request.mimetype not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        from werkzeug.exceptions import UnsupportedMediaType

        raise UnsupportedMediaType(_("Send the form as JSON or form-encoded."))
    if request.files:
        raise ValidationError(_("Files cannot be sent with this form."),
                              fields={"_schema": [_("Files cannot be sent with this form.")]})
    form = request.form
    repeated = [k for k in form if len(form.getlist(k)) > 1]
    if repeated:
        raise ValidationError(_("Send each field once."),
                              fields={k[:60]: [_("Send each field once.")] for k in repeated})
    return {k: form[k] for k in form}


def _vary(response: Response) -> Response:
    response.headers.add("Vary", "Origin")
    return response
