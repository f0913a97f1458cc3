"""REST side of documents: templates (list, read, save, preview) and a record's PDF."""

from __future__ import annotations

from flask import Response, jsonify
from marshmallow import Schema, fields

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, json_body
from core.api.openapi import operation
from core.documents.admin import (
    EDIT_PERMISSION,
    all_templates,
    get_template,
    preview_template,
    save_template,
)
from core.documents.files import pdf_state, request_pdf
from core.documents.rendering import merge_tags
from core.documents.views import pdf_response
from core.errors import NotFound, ValidationError
from core.i18n import gettext as _
from core.permissions import require
from core.services.helpers import load_record

bp = api_blueprint("documents_api", __name__, url_prefix="/documents")


class TemplateSchema(Schema):
    id = fields.Integer(dump_only=True)
    kind = fields.String(dump_only=True)
    language = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    body = fields.String()
    css = fields.String()
    active = fields.Boolean()
    customized = fields.Boolean(dump_only=True)
    version = fields.Integer(metadata={"description": "Send it back to detect a concurrent edit."})


class TemplateSummarySchema(Schema):
    id = fields.Integer(required=True)
    kind = fields.String(required=True)
    language = fields.String(required=True)
    name = fields.String(required=True)
    active = fields.Boolean(required=True)
    customized = fields.Boolean(required=True)
    version = fields.Integer(required=True)


class TemplateListSchema(Schema):
    items = fields.List(fields.Nested(TemplateSummarySchema), required=True)


class TagSchema(Schema):
    tag = fields.String(required=True)
    label = fields.String(required=True)


class TagListSchema(Schema):
    items = fields.List(fields.Nested(TagSchema), required=True)


class TemplateDetailSchema(TemplateSchema):
    merge_tags = fields.List(fields.Nested(TagSchema), dump_only=True, required=True,
                             metadata={"description": "The tags a template of its kind may use."})


class PreviewInputSchema(Schema):
    record_id = fields.Integer(required=True)
    body = fields.String()
    css = fields.String()


class PreviewSchema(Schema):
    html = fields.String(required=True)


class PdfStatusSchema(Schema):
    status = fields.String(required=True, metadata={"enum": ["pending", "failed", "missing"]})


@bp.get("/templates")
@operation("GET", summary="Document templates", tags=["documents"],
           responses={200: TemplateListSchema})
def list_templates() -> Response:
    require(api_principal(), EDIT_PERMISSION)
    return jsonify(TemplateListSchema().dump({"items": all_templates()}))


@bp.get(f"/templates/<{RECORD_ID}:template_id>")
@operation("GET", summary="One document template with its merge tags", tags=["documents"],
           responses={200: TemplateDetailSchema})
def get_template_api(template_id: int) -> Response:
    require(api_principal(), EDIT_PERMISSION)
    row = get_template(template_id)
    body = TemplateSchema().dump(row)
    body["merge_tags"] = TagListSchema().dump(
        {"items": [{"tag": t["tag"], "label": str(t["label"])} for t in merge_tags(row.kind)]}
    )["items"]
    return jsonify(body)


@bp.put(f"/templates/<{RECORD_ID}:template_id>")
@operation("PUT", summary="Save a document template", tags=["documents"],
           request=TemplateSchema, responses={200: TemplateSchema}, errors=(409, 415, 422),
           description="A template that does not parse is refused with 422 and the reason "
                       "under fields.body.")
def save_template_api(template_id: int) -> Response:
    data = json_body()
    version = data.pop("version", None)
    if version is not None and not isinstance(version, int):
        raise ValidationError(_("The input is not valid."),
                              fields={"version": [_("Expected a number.")]})
    row = save_template(api_principal(), template_id, data, expected_version=version)
    return jsonify(TemplateSchema().dump(row))


@bp.post(f"/templates/<{RECORD_ID}:template_id>/preview")
@operation("POST", summary="Render a template (as saved or as sent) for one record",
           tags=["documents"], request=PreviewInputSchema, responses={200: PreviewSchema},
           errors=(415, 422))
def preview_api(template_id: int) -> Response:
    principal = api_principal()  # 401 before any word about the body
    data = json_body()
    record_id = data.get("record_id")
    if not isinstance(record_id, int) or isinstance(record_id, bool):
        raise ValidationError(_("The input is not valid."),
                              fields={"record_id": [_("Expected a number.")]})
    html = preview_template(principal, template_id, record_id, data.get("body"),
                            data.get("css"))
    return jsonify({"html": html})


@bp.get(f"/<kind>/<{RECORD_ID}:record_id>/pdf")
@operation("GET", summary="A record's PDF as stored", tags=["documents"],
           responses={200: "application/pdf: the stored bytes (frozen, else the draft)",
                      202: PdfStatusSchema},
           description="202 while the job prepares it; 404 when none was asked for.")
def get_pdf_api(kind: str, record_id: int) -> Response | tuple[Response, int]:
    load_record(api_principal(), kind, record_id)
    state, _row = pdf_state(kind, record_id)
    if state == "pending":
        return jsonify({"status": "pending"}), 202
    if state == "missing":
        raise NotFound(_("No PDF was made for this document, or making it failed; ask for "
                         "one with POST."))
    return pdf_response(kind, record_id)


@bp.post(f"/<kind>/<{RECORD_ID}:record_id>/pdf")
@operation("POST", summary="Prepare a record's PDF (draft) in a job", tags=["documents"],
           responses={202: PdfStatusSchema}, errors=(422,))
def request_pdf_api(kind: str, record_id: int) -> tuple[Response, int]:
    load_record(api_principal(), kind, record_id)
    request_pdf(kind, record_id)
    return jsonify({"status": "pending"}), 202

