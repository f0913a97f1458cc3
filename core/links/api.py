"""REST side of client links: the links of a record, and withdrawing one."""

from __future__ import annotations

from flask import Response, jsonify, request
from marshmallow import Schema, fields
from sqlalchemy import select

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, is_whole_number
from core.api.openapi import operation
from core.db import session, utcnow
from core.errors import NotFound, ValidationError
from core.i18n import gettext as _
from core.links.models import ClientLink
from core.permissions import require

bp = api_blueprint("links_api", __name__, url_prefix="/links")
MANAGE_PERMISSION = "core.links.manage"


class LinkSchema(Schema):
    id = fields.Integer(required=True)
    purpose = fields.String(required=True)
    record_kind = fields.String(required=True)
    record_id = fields.Integer(required=True)
    single_use = fields.Boolean(required=True)
    created_at = fields.AwareDateTime(required=True)
    expires_at = fields.AwareDateTime(required=True)
    used_at = fields.AwareDateTime(allow_none=True)
    revoked_at = fields.AwareDateTime(allow_none=True)
    first_opened_at = fields.AwareDateTime(allow_none=True)
    last_opened_at = fields.AwareDateTime(allow_none=True)
    open_count = fields.Integer(required=True)


class LinkListSchema(Schema):
    items = fields.List(fields.Nested(LinkSchema), required=True)


@bp.get("")
@operation("GET", summary="Client links of one record", tags=["links"],
           responses={200: LinkListSchema}, errors=(422,),
           parameters=[{"in": "query", "name": "record_kind", "required": True,
                        "schema": {"type": "string"}},
                       {"in": "query", "name": "record_id", "required": True,
                        "schema": {"type": "integer", "minimum": 0}}])
def list_links() -> Response:
    require(api_principal(), MANAGE_PERMISSION)
    kind, record_id = request.args.get("record_kind"), request.args.get("record_id", "")
    if not kind or not is_whole_number(record_id) or len(record_id) > 9:
        raise ValidationError(_("The input is not valid."), fields={
            "record_id": [_("Give record_kind and a numeric record_id.")]})
    rows = session().scalars(select(ClientLink).where(
        ClientLink.record_kind == kind, ClientLink.record_id == int(record_id))
        .order_by(ClientLink.id.desc())).all()
    return jsonify(LinkListSchema().dump({"items": rows}))


@bp.post(f"/<{RECORD_ID}:link_id>/revoke")
@operation("POST", summary="Withdraw a client link", tags=["links"],
           responses={200: LinkSchema})
def revoke_api(link_id: int) -> Response:
    require(api_principal(), MANAGE_PERMISSION)
    link = session().get(ClientLink, link_id)
    if link is None:
        raise NotFound(_("No such link."))
    if link.revoked_at is None:
        link.revoked_at = utcnow()
    return jsonify(LinkSchema().dump(link))
