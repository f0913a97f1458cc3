"""What the client pages still did alone, through the API: each user's arrangement of the
client page (``/api/v1/parties.client/<id>/sections``) and the client list's CSV or XLSX
export (``/api/v1/parties.client/export``), with the services and permissions of the pages."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request
from marshmallow import Schema, fields, validate

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, json_body
from core.api.openapi import operation
from core.errors import ValidationError
from core.i18n import gettext as _
from plugins.parties import services
from plugins.parties.export_views import LIST_FILTERS, export_clients
from plugins.parties.services.profile import ACTIONS

bp = api_blueprint("parties_page_api", __name__)

CLIENT = f"/parties.client/<{RECORD_ID}:record_id>"
TAGS = ["parties.client"]
FORMATS = ("csv", "xlsx")


class SectionSchema(Schema):
    """One section of the client page as the caller arranged it, in the caller's order."""

    key = fields.String(metadata={"description": "The section's key, e.g. parties.contacts"})
    title = fields.String()
    hidden = fields.Boolean()
    collapsed = fields.Boolean()


class ArrangeSchema(Schema):
    """Move a section up or down, hide or show it, collapse or expand it (for the caller)."""

    action = fields.String(required=True, validate=validate.OneOf(ACTIONS))


def _sections(principal: Any, record_id: int) -> Response:
    arranged = services.arranged(principal, services.client_sections(record_id))
    return jsonify(SectionSchema(many=True).dump(
        [{**s, "title": str(s["title"])} for s in arranged]))


@bp.get(f"{CLIENT}/sections")
@operation("GET", summary="The client page's sections as the caller arranged them", tags=TAGS,
           responses={200: SectionSchema(many=True)})
def list_sections(record_id: int) -> Response:
    principal = api_principal()
    services.get_client(principal, record_id)
    return _sections(principal, record_id)


@bp.post(f"{CLIENT}/sections/<key>")
@operation("POST", summary="Move, hide or collapse one section of the client page, for the "
           "caller only", tags=TAGS, request=ArrangeSchema,
           responses={200: SectionSchema(many=True)}, errors=(422,))
def arrange_section(record_id: int, key: str) -> Response:
    principal = api_principal()
    services.get_client(principal, record_id)
    data = ArrangeSchema().load(json_body())
    services.arrange_section(principal, services.client_sections(record_id), key,
                             data["action"])
    return _sections(principal, record_id)


EXPORT_PARAMETERS = [
    {"name": "format", "in": "query", "required": True,
     "schema": {"type": "string", "enum": list(FORMATS)}},
    {"name": "q", "in": "query", "schema": {"type": "string"},
     "description": "Words the name, tax id, VAT number, e-mail or phone hold"},
    {"name": "sort", "in": "query", "schema": {"type": "string"}},
    *({"name": name, "in": "query", "schema": {"type": "string"}} for name in LIST_FILTERS),
]


@bp.get("/parties.client/export")
@operation("GET", summary="The client list as a CSV or XLSX file (the page's export)",
           tags=TAGS, parameters=EXPORT_PARAMETERS, errors=(422,), responses={200: {
               "text/csv": {"type": "string"},
               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                   "type": "string", "format": "binary"}}})
def export() -> Response:
    principal = api_principal()  # who asks comes first: a stranger reads 401, not a 422
    fmt = request.args.get("format", "")
    if fmt not in FORMATS:
        raise ValidationError(_("Choose csv or xlsx."), fields={
            "format": [_("Choose one of: %(choices)s.", choices=", ".join(FORMATS))]})
    return export_clients(principal, fmt, request.args)
