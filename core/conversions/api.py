"""REST side of conversions: run one, and read a record's document chain."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, url_for
from marshmallow import Schema, fields

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal
from core.api.openapi import operation
from core.conversions.services import convert, document_chain
from core.kernel import kontora
from core.services import get_record

bp = api_blueprint("conversions_api", __name__)


class ConvertedSchema(Schema):
    kind = fields.String(required=True, metadata={"description": "The target's record kind."})
    id = fields.Integer(required=True)
    created = fields.Boolean(required=True,
                             metadata={"description": "False when it already existed."})
    record = fields.Dict(metadata={"description": "The target, as its own API shows it."})


class ChainEntrySchema(Schema):
    kind = fields.String(required=True)
    id = fields.Integer(required=True, attribute="record_id")
    label = fields.String(required=True)
    title = fields.String(required=True)
    linked_at = fields.AwareDateTime(allow_none=True)
    current = fields.Boolean(required=True)


class ChainSchema(Schema):
    items = fields.List(fields.Nested(ChainEntrySchema), required=True)


@bp.post(f"/<kind>/<{RECORD_ID}:record_id>/convert/<target>")
@operation("POST", summary="Convert a record into another kind (offer -> order ...)",
           tags=["conversions"],
           responses={201: ConvertedSchema, 200: ConvertedSchema}, errors=(409,),
           description="Answers 201 with the new target, or 200 with the target made by an "
                       "earlier conversion when the action allows no repeats.")
def convert_api(kind: str, record_id: int, target: str) -> Response:
    result = convert(api_principal(), kind, record_id, target)
    schema = kontora().kinds[target].schema
    body: dict[str, Any] = {"kind": target, "id": result.target_id, "created": result.created}
    if schema is not None:
        body["record"] = schema().dump(result.record)
    response = jsonify(body)
    response.status_code = 201 if result.created else 200
    response.headers["Location"] = url_for("conversions_api.links_api", kind=target,
                                           record_id=result.target_id)
    return response


@bp.get(f"/<kind>/<{RECORD_ID}:record_id>/links")
@operation("GET", summary="The document chain a record belongs to", tags=["conversions"],
           responses={200: ChainSchema})
def links_api(kind: str, record_id: int) -> Response:
    principal = api_principal()
    get_record(principal, kind, record_id)
    return jsonify(ChainSchema().dump({"items": document_chain(kind, record_id, principal)}))
