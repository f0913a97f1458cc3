"""REST endpoints for clients under ``/api/v1/parties.client``.

Reading and listing are the kernel's generic resource (listing, filters, record rules,
ETags); writing goes through this plugin's services, because a client is more than one
row (requisites normalised, duplicates detected, addresses, contacts, tags, custom fields).
A possible duplicate answers 409 with ``candidates``; ``?allow_duplicate=1`` confirms.
"""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from marshmallow import Schema, fields

from core.api.blueprint import (
    FLAG,
    RECORD_ID,
    api_blueprint,
    api_principal,
    flag_arg,
    json_body,
)
from core.api.etag import expected_version, with_etag
from core.api.openapi import IF_MATCH, operation
from core.api.resources import register_resource
from core.errors import ValidationError
from core.i18n import gettext as _
from plugins.parties import services
from plugins.parties.exceptions import PossibleDuplicate
from plugins.parties.schemas import ClientSchema

bp = api_blueprint("parties_api", __name__)
register_resource(bp, kind="parties.client", schema=ClientSchema, actions=("list", "get"),
                  filters=["kind", "status", "country", "relationship_type", "tax_id"])

BASE = "/parties.client"
TAGS = ["parties.client"]


class DuplicatesSchema(Schema):
    """A 409 on a possible duplicate: the clients that look like the new one."""

    error = fields.String()
    status = fields.Integer()
    message = fields.String()
    candidates = fields.List(fields.Dict())


class MergeSchema(Schema):
    source_id = fields.Integer(required=True, metadata={"minimum": 1, "maximum": 2147483647})


@bp.post(BASE)
@operation("POST", summary="Create a client (409 with candidates on a possible duplicate)",
           tags=TAGS, request=ClientSchema, responses={201: ClientSchema, 409: DuplicatesSchema},
           parameters=[{"name": "allow_duplicate", "in": "query", "required": False,
                        "schema": FLAG,
                        "description": "Create it even if it looks like an existing client."}],
           errors=(422,))
def create_client():
    allow = flag_arg("allow_duplicate")
    try:
        client = services.create_client(api_principal(), json_body(), allow_duplicate=allow)
    except PossibleDuplicate as dup:
        response = jsonify(dup.to_dict())
        response.status_code = 409
        return response
    response = with_etag(jsonify(ClientSchema().dump(client)), client)
    response.status_code = 201
    return response


@bp.patch(f"{BASE}/<{RECORD_ID}:record_id>")
@operation("PATCH", summary="Change some fields of a client", tags=TAGS, request=ClientSchema,
           responses={200: ClientSchema}, errors=(409, 412, 422), parameters=[IF_MATCH])
def update_client(record_id: int):
    client = services.update_client(api_principal(), record_id, json_body(),
                                    expected_version=expected_version())
    return with_etag(jsonify(ClientSchema().dump(client)), client)


@bp.delete(f"{BASE}/<{RECORD_ID}:record_id>")
@operation("DELETE", summary="Delete a client", tags=TAGS, responses={204: None},
           errors=(409, 412), parameters=[IF_MATCH])
def delete_client(record_id: int):
    services.delete_client(api_principal(), record_id, expected_version=expected_version())
    return "", 204


@bp.post(f"{BASE}/<{RECORD_ID}:record_id>/check-vat")
@operation("POST", summary="Check the client's VAT number in VIES again (a job)", tags=TAGS,
           responses={202: ClientSchema})
def check_vat(record_id: int):
    client = services.request_vat_check(api_principal(), record_id)
    return jsonify(ClientSchema().dump(client)), 202


@bp.get(f"{BASE}/<{RECORD_ID}:record_id>/merge")
@operation("GET", summary="Preview merging a duplicate into this client",
           parameters=[{"name": "source_id", "in": "query", "required": True,
                        "schema": {"type": "integer"}}],
           responses={200: "What would move, by label"}, errors=(422,))
def merge_preview(record_id: int):
    plan = services.preview_merge(api_principal(), _source_id(request.args), record_id)
    return jsonify(plan.to_dict())


@bp.post(f"{BASE}/<{RECORD_ID}:record_id>/merge")
@operation("POST", summary="Merge a duplicate (source_id) into this client",
           request=MergeSchema, responses={200: "What moved; the duplicate is deleted"},
           errors=(422,))
def merge(record_id: int):
    plan = services.merge_clients(api_principal(), _source_id(json_body()), record_id)
    return jsonify(plan.to_dict())


def _source_id(data: Any) -> int:
    try:
        value = int(data.get("source_id"))
    except (TypeError, ValueError):
        value = 0
    if not 0 < value <= 2147483647:
        raise ValidationError(_("Give the id of the duplicate client."),
                              fields={"source_id": [_("Give the id of the duplicate client.")]})
    return value

