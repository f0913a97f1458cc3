"""REST endpoints of complaints under ``/api/v1/complaints.complaint``.

Reading and listing are the kernel's generic resources (filters, search, record rules,
ETags); writing goes through this plugin's services, one endpoint per workflow move.
Photos are posted as multipart ``file`` fields and served only to readers of the
complaint; the report answers JSON, or CSV with ``?format=csv``.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, json_body
from core.api.etag import expected_version, with_etag
from core.api.openapi import operation
from core.api.resources import register_resource
from plugins.activities.downloads import send_attachment
from plugins.complaints import services
from plugins.complaints.schemas import (
    AttachmentSchema,
    ComplaintChangeSchema,
    ComplaintSchema,
    MoveSchema,
)
from plugins.complaints.views.report import csv_text

bp = api_blueprint("complaints_api", __name__)
register_resource(bp, kind="complaints.complaint", schema=ComplaintSchema,
                  actions=("list", "get"),
                  filters=["status", "party_id", "product_id", "cause", "assignee_id",
                           "subject_kind", "subject_id", "number"])

BASE = "/complaints.complaint"
ITEM = f"{BASE}/<{RECORD_ID}:record_id>"
TAGS = ["complaints.complaint"]


def _complaint(complaint: Any, status: int = 200) -> Response:
    response = with_etag(jsonify(ComplaintSchema().dump(complaint)), complaint)
    response.status_code = status
    return response


@bp.post(BASE)
@operation("POST", summary="Enter a complaint about an order, invoice, shipment or product",
           tags=TAGS, request=ComplaintSchema, responses={201: ComplaintSchema}, errors=(422,))
def create_complaint():
    return _complaint(services.create_complaint(api_principal(), json_body()), 201)


@bp.patch(ITEM)
@operation("PATCH", summary="Change an open complaint", tags=TAGS,
           request=ComplaintChangeSchema, responses={200: ComplaintSchema},
           errors=(404, 409, 412, 422))
def update_complaint(record_id: int):
    return _complaint(services.update_complaint(api_principal(), record_id, json_body(),
                                                expected_version=expected_version()))


def _transition_view(name: str):
    def view(record_id: int):
        data = json_body() if request.content_length else {}
        return _complaint(services.run_transition(api_principal(), record_id, name, data,
                                                  expected_version=expected_version()))

    view.__name__ = f"move_{name}"
    return view


for _name in services.TRANSITION_SERVICES:
    bp.add_url_rule(f"{ITEM}/{_name}", f"move_{_name}", operation(
        "POST", summary=f"Workflow: {_name}", tags=TAGS, request=MoveSchema,
        responses={200: ComplaintSchema}, errors=(404, 409, 412, 422))(_transition_view(_name)),
        methods=["POST"])


@bp.post(f"{ITEM}/photos")
@operation("POST", summary="Attach photos or drawings (multipart, field file)", tags=TAGS,
           responses={201: AttachmentSchema}, errors=(404, 409, 422))
def add_photos(record_id: int):
    files = [(f.filename, f.stream) for f in request.files.getlist("file") if f.filename]
    added = services.add_photos(api_principal(), record_id, files)
    return jsonify(AttachmentSchema(many=True).dump(added)), 201


@bp.get(f"{ITEM}/photos/<key>")
@operation("GET", summary="One photo or drawing of a complaint", tags=TAGS,
           responses={200: "The file"}, errors=(404,))
def photo(record_id: int, key: str):
    return send_attachment(services.get_photo(api_principal(), record_id, key))


@bp.get("/complaints.report/<by>")
@operation("GET", summary="Complaints by product, client or cause, with resolution times",
           tags=TAGS, responses={200: "Rows"}, errors=(422,))
def report(by: str):
    query = {k: v for k, v in request.args.items() if k in ("received_from", "received_until")}
    rows = services.complaints_report(api_principal(), by, query)
    if request.args.get("format") == "csv":
        return Response(csv_text(rows, by), mimetype="text/csv", headers={
            "Content-Disposition": f'attachment; filename="complaints-by-{by}.csv"'})
    return jsonify({"by": by, "rows": [row.as_dict() for row in rows]})
