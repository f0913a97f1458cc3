"""REST endpoints of the web-form designer (``/api/v1/leads/webforms``): what its page does,
through its services, for holders of ``leads.forms.admin``. A form is deactivated, never
deleted (its leads name it); visitors post to the form's ``endpoint``."""

from __future__ import annotations

from flask import jsonify

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, json_body
from core.api.openapi import operation
from core.services import validate
from plugins.leads.services import webforms as service
from plugins.leads.webform_schemas import WebFormSchema

bp = api_blueprint("leads_webform_api", __name__)

TAGS = ["leads.settings"]
FORMS = "/leads/webforms"
FORM = f"{FORMS}/<{RECORD_ID}:form_id>"


@bp.get(FORMS)
@operation("GET", summary="The web forms, by name", tags=TAGS,
           responses={200: WebFormSchema(many=True)})
def list_forms():
    return jsonify(WebFormSchema(many=True).dump(service.forms(api_principal())))


@bp.post(FORMS)
@operation("POST", summary="Design a web form", tags=TAGS, request=WebFormSchema,
           responses={201: WebFormSchema}, errors=(422,))
def create_form():
    who = api_principal()  # 401/403 before the body is read
    values = validate(WebFormSchema(), json_body())
    return jsonify(WebFormSchema().dump(service.save_form(who, values))), 201


@bp.get(FORM)
@operation("GET", summary="A web form", tags=TAGS, responses={200: WebFormSchema})
def get_form(form_id: int):
    return jsonify(WebFormSchema().dump(service.load_form(api_principal(), form_id)))


@bp.put(FORM)
@operation("PUT", summary="Set a web form: its fields, labels, thanks, origins, owner",
           tags=TAGS, request=WebFormSchema, responses={200: WebFormSchema}, errors=(422,))
def save_form(form_id: int):
    who = api_principal()  # 401/403 before the body is read
    values = validate(WebFormSchema(), json_body())
    return jsonify(WebFormSchema().dump(service.save_form(who, values, form_id)))
