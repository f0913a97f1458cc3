"""REST endpoints for offers under ``/api/v1/offers.offer`` and the named offer texts under
``/api/v1/offers.text`` (read with ``offers.read``, kept with ``offers.configure``).

Reading and listing are the kernel's generic resource (filters, record rules, ETags);
writing goes through this plugin's services, because an offer is more than a row (lines
and totals, revisions once sent, numbering and mail on sending). ``PATCH`` on a sent offer
answers with the new revision it made (``revision`` and ``id`` tell).
"""

from __future__ import annotations

from flask import Response, jsonify

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, json_body
from core.api.etag import expected_version, with_etag
from core.api.openapi import operation
from core.api.resources import register_resource
from core.documents.lines import LinePositionSchema
from core.services import validate
from plugins.offers import services
from plugins.offers.schemas import (
    CommentSchema,
    LineSchema,
    OfferSchema,
    OfferTextSchema,
    SendSchema,
)
from plugins.offers.services import texts

bp = api_blueprint("offers_api", __name__)
register_resource(bp, kind="offers.offer", schema=OfferSchema, actions=("list", "get"),
                  filters=["status", "format", "party_id", "lead_id", "owner_id", "number",
                           "superseded"])
register_resource(bp, kind="offers.text", schema=OfferTextSchema, actions=("list", "get"),
                  filters=["active", "is_default", "name"])

BASE = "/offers.offer"
ONE = f"{BASE}/<{RECORD_ID}:record_id>"


def _offer(offer, status: int = 200) -> Response:
    response = with_etag(jsonify(OfferSchema().dump(offer)), offer)
    response.status_code = status
    return response


@bp.post(BASE)
@operation("POST", summary="Create a draft offer with its lines", request=OfferSchema,
           responses={201: OfferSchema}, errors=(422,))
def create_offer():
    return _offer(services.create_offer(api_principal(), json_body()), 201)


@bp.patch(ONE)
@operation("PATCH", summary="Change an offer (a sent one becomes a new revision)",
           request=OfferSchema, responses={200: OfferSchema}, errors=(409, 412, 422))
def update_offer(record_id: int):
    return _offer(services.update_offer(api_principal(), record_id, json_body(),
                                        expected_version=expected_version()))


@bp.delete(ONE)
@operation("DELETE", summary="Delete a draft that was never sent", responses={204: None},
           errors=(409, 412))
def delete_offer(record_id: int):
    services.delete_offer(api_principal(), record_id, expected_version=expected_version())
    return "", 204


@bp.post(f"{ONE}/lines")
@operation("POST", summary="Add a line (totals are recomputed)", request=LineSchema,
           responses={201: OfferSchema}, errors=(409, 422))
def add_line(record_id: int):
    return _offer(services.add_line(api_principal(), record_id, json_body()), 201)


@bp.patch(f"{ONE}/lines/<{RECORD_ID}:line_id>")
@operation("PATCH", summary="Change a line", request=LineSchema,
           responses={200: OfferSchema}, errors=(409, 422))
def update_line(record_id: int, line_id: int):
    return _offer(services.update_line(api_principal(), record_id, line_id, json_body()))


@bp.post(f"{ONE}/lines/<{RECORD_ID}:line_id>/move")
@operation("POST", summary="Move a line to another position (1-based)",
           request=LinePositionSchema, responses={200: OfferSchema}, errors=(409, 422))
def move_line(record_id: int, line_id: int):
    return _offer(services.reorder_line(api_principal(), record_id, line_id, json_body()))


@bp.post(f"{ONE}/lines/<{RECORD_ID}:line_id>/duplicate")
@operation("POST", summary="Copy a line just below itself", responses={201: OfferSchema},
           errors=(409,))
def duplicate_line(record_id: int, line_id: int):
    return _offer(services.duplicate_line(api_principal(), record_id, line_id), 201)


@bp.delete(f"{ONE}/lines/<{RECORD_ID}:line_id>")
@operation("DELETE", summary="Remove a line", responses={200: OfferSchema}, errors=(409,))
def remove_line(record_id: int, line_id: int):
    return _offer(services.remove_line(api_principal(), record_id, line_id))


@bp.post(f"{ONE}/send")
@operation("POST", summary="Send the offer: number, frozen PDF, e-mail with the client link",
           request=SendSchema, responses={200: OfferSchema}, errors=(409, 412, 422))
def send_offer(record_id: int):
    return _offer(services.send_offer(api_principal(), record_id, json_body(),
                                      expected_version=expected_version()))


@bp.post(f"{ONE}/accept")
@operation("POST", summary="Record the client's acceptance (given by phone, say)",
           request=CommentSchema, responses={200: OfferSchema}, errors=(409, 422))
def accept_offer(record_id: int):
    comment = _comment()
    return _offer(services.accept_offer(record_id, comment, principal=api_principal()))


@bp.post(f"{ONE}/decline")
@operation("POST", summary="Record that the client declined", request=CommentSchema,
           responses={200: OfferSchema}, errors=(409, 422))
def decline_offer(record_id: int):
    comment = _comment()
    return _offer(services.decline_offer(record_id, comment, principal=api_principal()))


@bp.post(f"{ONE}/cancel")
@operation("POST", summary="Withdraw an offer not decided yet", responses={200: OfferSchema},
           errors=(409, 412))
def cancel_offer(record_id: int):
    return _offer(services.cancel_offer(api_principal(), record_id,
                                        expected_version=expected_version()))


@bp.post(f"{ONE}/revise")
@operation("POST", summary="Start a new revision of a sent offer",
           responses={201: OfferSchema}, errors=(409,))
def revise_offer(record_id: int):
    return _offer(services.revise_offer(api_principal(), record_id), 201)


@bp.get(f"{ONE}/pdf")
@operation("GET", summary="The offer's PDF (frozen once sent); 202 while it is rendered",
           responses={200: "application/pdf", 202: "Being rendered; ask again"})
def offer_pdf(record_id: int):
    from plugins.offers.services.renditions import offer_pdf as pdf_of

    pdf = pdf_of(api_principal(), record_id)
    if pdf is None:
        return jsonify({"status": "pending"}), 202
    return Response(pdf.content, mimetype="application/pdf",
                    headers={"X-Content-SHA256": pdf.sha256})


def _comment() -> str | None:
    body = json_body()
    values = validate(CommentSchema(), body)
    return values.get("comment")


TEXTS = "/offers.text"
TEXT_TAGS = ["offers.text"]


@bp.post(TEXTS)
@operation("POST", summary="Add a named offer text", tags=TEXT_TAGS, request=OfferTextSchema,
           responses={201: OfferTextSchema}, errors=(409, 422))
def create_text():
    return jsonify(OfferTextSchema().dump(texts.create_text(api_principal(), json_body()))), 201


@bp.patch(f"{TEXTS}/<{RECORD_ID}:record_id>")
@operation("PATCH", summary="Change a named offer text", tags=TEXT_TAGS,
           request=OfferTextSchema, responses={200: OfferTextSchema}, errors=(404, 409, 422))
def update_text(record_id: int):
    return jsonify(OfferTextSchema().dump(texts.update_text(api_principal(), record_id,
                                                            json_body())))


@bp.post(f"{TEXTS}/<{RECORD_ID}:record_id>/archive")
@operation("POST", summary="Archive an offer text: offers keep it, nobody picks it again "
           "(409 for the default text)", tags=TEXT_TAGS, responses={200: OfferTextSchema},
           errors=(404, 409))
def archive_text(record_id: int):
    return jsonify(OfferTextSchema().dump(texts.archive_text(api_principal(), record_id)))


@bp.delete(f"{TEXTS}/<{RECORD_ID}:record_id>")
@operation("DELETE", summary="Remove an offer text no offer uses (409 for one in use or the "
           "default: archive it)", tags=TEXT_TAGS, responses={204: None}, errors=(404, 409))
def delete_text(record_id: int):
    texts.delete_text(api_principal(), record_id)
    return "", 204
