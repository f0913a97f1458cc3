"""REST endpoints of payments under ``/api/v1``.

Reading and listing payments are the kernel's generic resources; recording a payment,
allocating its credit, an invoice's derived payment status and "mark as paid" go through
this plugin's services.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, json_body
from core.api.etag import with_etag
from core.api.openapi import operation
from core.api.resources import register_resource
from plugins.payments import services
from plugins.payments.schemas import (
    AllocationsSchema,
    MarkPaidSchema,
    PaymentSchema,
    PaymentStatusSchema,
)
from plugins.payments.services.receivables import aged_receivables
from plugins.payments.views.receivables import export

bp = api_blueprint("payments_api", __name__)
register_resource(bp, kind="payments.payment", schema=PaymentSchema, actions=("list", "get"),
                  filters=["party_id", "method", "currency", "receipt_number", "reference"])

BASE = "/payments.payment"
ITEM = f"{BASE}/<{RECORD_ID}:record_id>"
STATUS = f"/payments.invoice-status/<{RECORD_ID}:record_id>"
TAGS = ["payments.payment"]
INVOICE = "invoicing.invoice"


def _payment(payment: Any, status: int = 200) -> Response:
    response = with_etag(jsonify(PaymentSchema().dump(payment)), payment)
    response.status_code = status
    return response


@bp.post(BASE)
@operation("POST", summary="Record a bank transfer, cash or POS payment and allocate it",
           tags=TAGS, request=PaymentSchema, responses={201: PaymentSchema}, errors=(422,))
def create_payment():
    return _payment(services.record_payment(api_principal(), json_body()), 201)


@bp.post(f"{ITEM}/allocate")
@operation("POST", summary="Allocate what is left of a payment (credit) to invoices",
           tags=TAGS, request=AllocationsSchema, responses={200: PaymentSchema},
           errors=(404, 409, 422))
def allocate(record_id: int):
    return _payment(services.allocate_credit(api_principal(), record_id, json_body()))


@bp.get(STATUS)
@operation("GET", summary="An invoice's payment status, derived from payments and due date",
           tags=TAGS, responses={200: PaymentStatusSchema}, errors=(404, 409))
def invoice_status(record_id: int):
    return jsonify(PaymentStatusSchema().dump(
        services.status_of(api_principal(), INVOICE, record_id)))


@bp.post(f"{STATUS}/mark-paid")
@operation("POST", summary="Settle what is open on an invoice (audited manual payment)",
           tags=TAGS, request=MarkPaidSchema, responses={201: PaymentSchema},
           errors=(404, 409, 422))
def mark_paid(record_id: int):
    return _payment(services.mark_paid(api_principal(), INVOICE, record_id,
                                       json_body() if request.content_length else {}), 201)


@bp.get("/payments.receivables")
@operation("GET", summary="Aged receivables per client and currency (current, 1-30, 31-60, "
           "61-90, 90+ days past due); ?format=csv or xlsx for a file", tags=TAGS,
           responses={200: "Rows, or the file"}, errors=(403,))
def receivables():
    rows = aged_receivables(api_principal())
    return export(rows, request.args.get("format")) or jsonify(
        {"rows": [row.as_dict() for row in rows]})
