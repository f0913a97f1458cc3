"""REST endpoints of bank statements under ``/api/v1``: upload a CAMT or MT940 file, list
the lines waiting for review with the invoices they may pay, and settle or set aside one.

The same services as the statement pages (``services/statements.py``), so matching,
the once-only import and the row locks are theirs; these views only translate HTTP.
"""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from marshmallow import Schema, fields, validate, validates
from marshmallow import ValidationError as SchemaError
from werkzeug.exceptions import UnsupportedMediaType

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, json_body
from core.api.openapi import operation
from core.errors import ValidationError
from core.i18n import gettext as _
from core.services import validate as load
from plugins.payments.schemas import MAX_ID
from plugins.payments.services import statements as service

bp = api_blueprint("payments_statements_api", __name__)

BASE = "/payments.statement"
LINES = "/payments.statement-line"
LINE = f"{LINES}/<{RECORD_ID}:record_id>"
TAGS = ["payments.statement"]
UPLOAD = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {
            "type": "string",
            "format": "binary",
            "description": "A CAMT.053/052/054 XML or MT940 file, at most 10 MB.",
        }
    },
}


class ImportSummarySchema(Schema):
    """What one import did: lines new and already known, booked (matched) and to review."""

    statement_id = fields.Integer(attribute="statement.id")
    format = fields.String(attribute="statement.format")
    reference = fields.String(attribute="statement.reference")
    account = fields.String(attribute="statement.account")
    new = fields.Integer(metadata={"description": "Lines not imported before."})
    known = fields.Integer(metadata={"description": "Lines imported before, skipped."})
    matched = fields.Integer(metadata={"description": "New lines booked as payments."})
    review = fields.Integer(metadata={"description": "New incoming lines left to review."})


class PickableSchema(Schema):
    """An open invoice a waiting line may pay, with what is open on it."""

    record_id = fields.Integer()
    title = fields.String()
    party_id = fields.Integer()
    open = fields.Decimal(as_string=True)


class StatementLineSchema(Schema):
    id = fields.Integer()
    statement_id = fields.Integer()
    account = fields.String()
    booked_on = fields.Date()
    amount = fields.Decimal(as_string=True)
    currency = fields.String()
    credit = fields.Boolean()
    remittance = fields.String(allow_none=True)
    counterparty_name = fields.String(allow_none=True)
    counterparty_iban = fields.String(allow_none=True)
    bank_reference = fields.String(allow_none=True)
    state = fields.String(metadata={"enum": ["unmatched", "ambiguous", "settled", "ignored"]})
    party_id = fields.Integer(allow_none=True)
    payment_id = fields.Integer(allow_none=True)


class WaitingLineSchema(StatementLineSchema):
    invoices = fields.List(
        fields.Nested(PickableSchema),
        metadata={
            "description": "Open invoices to pick from: the fitting ones of an ambiguous line, "
            "else the payer's, else any in its currency."
        },
    )


class SettleLineSchema(Schema):
    invoices = fields.List(
        fields.Integer(validate=validate.Range(min=1, max=MAX_ID)),
        required=True,
        validate=validate.Length(min=1, max=40),
        metadata={"description": "Ids of open invoices of one client, paid in this order."},
    )

    @validates("invoices")
    def _once(self, value: list[int], **_kw: Any) -> None:
        if len(value) != len(set(value)):
            raise SchemaError(_("Name each document once."))


def _waiting(principal: Any, line: Any) -> dict[str, Any]:
    """``line``'s fields with the invoices the review screen would offer for it."""
    picks = [
        {"record_id": record.id, "title": record.title, "party_id": record.party_id, "open": left}
        for record, left in service.pickable(principal, line)
    ]
    return {
        **{name: getattr(line, name) for name in StatementLineSchema().fields},
        "invoices": picks,
    }


@bp.post(BASE)
@operation(
    "POST",
    summary="Import a bank statement (CAMT or MT940, multipart field file); "
    "lines known before are skipped",
    tags=TAGS,
    request=UPLOAD,
    request_types=("multipart/form-data",),
    responses={201: ImportSummarySchema},
    errors=(409, 413, 415, 422),
)
def import_statement():
    principal = api_principal()
    if request.mimetype != "multipart/form-data":
        raise UnsupportedMediaType(_("Send the file as multipart/form-data."))
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise ValidationError(
            _("Choose a CAMT or MT940 file."), fields={"file": [_("Choose a CAMT or MT940 file.")]}
        )
    done = service.import_statement(principal, upload.read(), upload.filename)
    return jsonify(ImportSummarySchema().dump(done)), 201


@bp.get(LINES)
@operation(
    "GET",
    summary="Incoming statement lines waiting for review (ambiguous or "
    "unmatched), oldest first, with the invoices each may pay",
    tags=TAGS,
    responses={200: WaitingLineSchema(many=True)},
)
def waiting_lines():
    principal = api_principal()
    return jsonify(
        WaitingLineSchema(many=True).dump(
            [_waiting(principal, line) for line in service.waiting_lines(principal)]
        )
    )


@bp.post(f"{LINE}/settle")
@operation(
    "POST",
    summary="Book a waiting line as a transfer against invoices picked by hand (of one client)",
    tags=TAGS,
    request=SettleLineSchema,
    responses={200: StatementLineSchema},
    errors=(409, 422),
)
def settle_line(record_id: int):
    principal = api_principal()
    values = load(SettleLineSchema(), json_body())
    return jsonify(
        StatementLineSchema().dump(service.settle_line(principal, record_id, values["invoices"]))
    )


@bp.post(f"{LINE}/ignore")
@operation(
    "POST",
    summary="Set a waiting line aside: not a client's payment",
    tags=TAGS,
    responses={200: StatementLineSchema},
    errors=(409,),
)
def ignore_line(record_id: int):
    return jsonify(StatementLineSchema().dump(service.ignore_line(api_principal(), record_id)))
