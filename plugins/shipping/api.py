"""REST endpoints of shipping under ``/api/v1/shipping.shipment`` and ``shipping.carrier``.

Reading and listing are the kernel's generic resources (filters, search, record rules,
ETags); writing goes through this plugin's services, one endpoint per workflow transition.
The papers answer 200 with the PDF, 202 while it is rendered, 404 for an unknown paper.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, json_body
from core.api.etag import expected_version, with_etag
from core.api.openapi import operation
from core.api.resources import register_resource
from core.documents.files import file_bytes
from core.documents.models import READY
from plugins.shipping import services
from plugins.shipping.schemas import (
    CarrierSchema,
    DeliverySchema,
    DispatchSchema,
    PackingSchema,
    ReturnSchema,
    ShipmentChangeSchema,
    ShipmentSchema,
)
from plugins.shipping.services.papers import paper_file

bp = api_blueprint("shipping_api", __name__)
register_resource(bp, kind="shipping.shipment", schema=ShipmentSchema, actions=("list", "get"),
                  filters=["status", "order_id", "party_id", "carrier_id", "method", "number"])
register_resource(bp, kind="shipping.carrier", schema=CarrierSchema, actions=("list", "get"),
                  filters=["active", "name"])

BASE = "/shipping.shipment"
ITEM = f"{BASE}/<{RECORD_ID}:record_id>"
TAGS = ["shipping.shipment"]
REQUESTS = {"pack": PackingSchema, "dispatch": DispatchSchema, "deliver": DeliverySchema,
            "return": ReturnSchema, "cancel": None}


def _shipment(shipment: Any, status: int = 200) -> Response:
    response = with_etag(jsonify(ShipmentSchema().dump(shipment)), shipment)
    response.status_code = status
    return response


@bp.post(BASE)
@operation("POST", summary="Plan a shipment of an order (all that is left, or given lines)",
           tags=TAGS, request=ShipmentSchema, responses={201: ShipmentSchema}, errors=(422,))
def create_shipment():
    return _shipment(services.create_shipment(api_principal(), json_body()), 201)


@bp.patch(ITEM)
@operation("PATCH", summary="Change a planned or packed shipment", tags=TAGS,
           request=ShipmentChangeSchema, responses={200: ShipmentSchema},
           errors=(409, 412, 422))
def update_shipment(record_id: int):
    return _shipment(services.update_shipment(api_principal(), record_id, json_body(),
                                              expected_version=expected_version()))


def _transition_view(name: str):
    def view(record_id: int):
        data = json_body() if request.content_length else {}
        return _shipment(services.run_transition(api_principal(), record_id, name, data,
                                                 expected_version=expected_version()))

    view.__name__ = f"move_{name}"
    return view


for _name, _schema in REQUESTS.items():
    bp.add_url_rule(f"{ITEM}/{_name}", f"move_{_name}", operation(
        "POST", summary=f"Workflow: {_name}", tags=TAGS, request=_schema,
        responses={200: ShipmentSchema}, errors=(409, 412, 422))(_transition_view(_name)),
        methods=["POST"])


@bp.get(f"{ITEM}/papers/<paper>")
@operation("GET", summary="A shipping paper as PDF: packing-list, waybill or cmr", tags=TAGS,
           responses={200: "The PDF", 202: "Being rendered; ask again"}, errors=(404,))
def paper(record_id: int, paper: str):
    row = paper_file(api_principal(), record_id, paper)
    if row.status != READY:
        response = jsonify({"status": row.status, "error": row.error})
        response.status_code, response.headers["Retry-After"] = 202, "2"
        return response
    stored = file_bytes(row)
    return Response(stored.content, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{paper}-{record_id}.pdf"',
        "X-Content-SHA256": stored.sha256, "Cache-Control": "private, no-cache"})


@bp.post("/shipping.carrier")
@operation("POST", summary="Add a carrier to the register", tags=["shipping.carrier"],
           request=CarrierSchema, responses={201: CarrierSchema}, errors=(409, 422))
def create_carrier():
    return jsonify(CarrierSchema().dump(services.create_carrier(api_principal(),
                                                                json_body()))), 201


@bp.patch(f"/shipping.carrier/<{RECORD_ID}:record_id>")
@operation("PATCH", summary="Change a carrier", tags=["shipping.carrier"],
           request=CarrierSchema, responses={200: CarrierSchema}, errors=(404, 409, 422))
def update_carrier(record_id: int):
    return jsonify(CarrierSchema().dump(services.update_carrier(api_principal(), record_id,
                                                                json_body())))


@bp.delete(f"/shipping.carrier/<{RECORD_ID}:record_id>")
@operation("DELETE", summary="Remove a carrier no shipment names (409 otherwise: make it "
           "inactive)", tags=["shipping.carrier"], responses={204: None}, errors=(404, 409))
def delete_carrier(record_id: int):
    services.delete_carrier(api_principal(), record_id)
    return "", 204
