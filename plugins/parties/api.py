"""REST endpoints for clients under ``/api/v1/parties.client``.

Reading and listing are the kernel's generic resource (listing, filters, record rules,
ETags); writing goes through this plugin's services, because a client is more than one
row (requisites normalised, duplicates detected, addresses, contacts, tags, custom fields).
A possible duplicate answers 409 with ``candidates``; ``?allow_duplicate=1`` confirms.
"""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, json_body
from core.api.etag import expected_version, with_etag
from core.api.openapi import operation
from core.api.resources import register_resource
from core.errors import ValidationError
from core.i18n import gettext as _
from plugins.parties import services
from plugins.parties.exceptions import PossibleDuplicate
from plugins.parties.schemas import AddressSchema, ClientSchema

bp = api_blueprint("parties_api", __name__)
register_resource(bp, kind="parties.client", schema=ClientSchema, actions=("list", "get"),
                  filters=["kind", "status", "country", "relationship_type", "tax_id"])

BASE = "/parties.client"


@bp.post(BASE)
def create_client():
    allow = request.args.get("allow_duplicate", "").lower() in ("1", "true", "yes")
    try:
        client = services.create_client(api_principal(), json_body(), allow_duplicate=allow)
    except PossibleDuplicate as dup:
        response = jsonify(dup.to_dict())
        response.status_code = 409
        return response
    response = with_etag(jsonify(ClientSchema().dump(client)), client)
    response.status_code = 201
    return response


@bp.patch(f"{BASE}/<{RECORD_ID}:client_id>")
def update_client(client_id: int):
    client = services.update_client(api_principal(), client_id, json_body(),
                                    expected_version=expected_version())
    return with_etag(jsonify(ClientSchema().dump(client)), client)


@bp.delete(f"{BASE}/<{RECORD_ID}:client_id>")
def delete_client(client_id: int):
    services.delete_client(api_principal(), client_id, expected_version=expected_version())
    return "", 204


@bp.post(f"{BASE}/<{RECORD_ID}:client_id>/addresses")
def add_address(client_id: int):
    address = services.add_address(api_principal(), client_id, json_body())
    return jsonify(AddressSchema().dump(address)), 201


@bp.get(f"{BASE}/<{RECORD_ID}:client_id>/merge")
@operation("GET", summary="Preview merging a duplicate into this client",
           parameters=[{"name": "source_id", "in": "query", "required": True,
                        "schema": {"type": "integer"}}],
           responses={200: "What would move, by label"}, errors=(422,))
def merge_preview(client_id: int):
    plan = services.preview_merge(api_principal(), _source_id(request.args), client_id)
    return jsonify(plan.to_dict())


@bp.post(f"{BASE}/<{RECORD_ID}:client_id>/merge")
@operation("POST", summary="Merge a duplicate (source_id) into this client",
           responses={200: "What moved; the duplicate is deleted"}, errors=(422,))
def merge(client_id: int):
    plan = services.merge_clients(api_principal(), _source_id(json_body()), client_id)
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


@bp.post(f"{BASE}/<{RECORD_ID}:client_id>/contacts")
def add_contact(client_id: int):
    link = services.add_contact(api_principal(), client_id, json_body())
    return jsonify({"client_id": link.client_id, "contact_id": link.contact_id,
                    "role": link.role, "is_primary": link.is_primary}), 201
