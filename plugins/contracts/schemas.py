"""Marshmallow schemas of contracts: input for services, forms and the API, and output."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.i18n import lazy_gettext as _l

MAX_LINES = 500
ID = validate.Range(min=1, max=2147483647)


def _decimal(places: int, **kwargs: Any) -> fields.Decimal:
    return fields.Decimal(places=places, as_string=True, allow_nan=False, **kwargs)


class LineSchema(Schema):
    """A line as a conversion copies it or a user types it."""

    id = fields.Integer(dump_only=True)
    product_id = fields.Integer(allow_none=True, load_default=None, validate=ID)
    description = fields.String(required=True, validate=validate.Length(min=1, max=500))
    quantity = _decimal(4, required=True, validate=validate.Range(
        min=Decimal(0), min_inclusive=False, max=Decimal("1e12")))
    unit = fields.String(allow_none=True, validate=validate.Length(max=20))
    unit_price = _decimal(4, required=True,
                          validate=validate.Range(min=Decimal(0), max=Decimal("1e12")))
    discount = _decimal(2, load_default=Decimal(0),
                        validate=validate.Range(min=Decimal(0), max=Decimal(100)))
    vat_rate = _decimal(2, required=True,
                        validate=validate.Range(min=Decimal(0), max=Decimal(100)))
    net = _decimal(2, dump_only=True)


def _check_dates(data: dict[str, Any]) -> None:
    start, end = data.get("start_date"), data.get("end_date")
    if start and end and end < start:
        raise ValidationError({"end_date": [str(_l("The end comes before the start."))]})


class ContractSchema(Schema):
    id = fields.Integer(dump_only=True)
    version = fields.Integer(dump_only=True)
    number = fields.String(dump_only=True)
    status = fields.String(dump_only=True)
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    party_id = fields.Integer(required=True, validate=ID)
    start_date = fields.Date(allow_none=True, load_default=None)
    end_date = fields.Date(allow_none=True, load_default=None)
    value = _decimal(2, validate=validate.Range(min=Decimal(0), max=Decimal("1e14")))
    currency = fields.String(required=True, validate=validate.Regexp(r"^[A-Za-z]{3}$"))
    template = fields.String(load_default="default", validate=validate.Regexp(
        r"^[a-z0-9_-]{1,64}$"))
    reference = fields.String(allow_none=True, validate=validate.Length(max=200))
    terms = fields.String(allow_none=True, validate=validate.Length(max=50000))
    notes = fields.String(allow_none=True, validate=validate.Length(max=10000))
    owner_id = fields.Integer(allow_none=True, validate=ID)
    lines = fields.List(fields.Nested(LineSchema), load_default=list,
                        validate=validate.Length(max=MAX_LINES))
    sent_at = fields.DateTime(dump_only=True)
    signed_at = fields.DateTime(dump_only=True)
    countersigned_at = fields.DateTime(dump_only=True)
    created_at = fields.DateTime(dump_only=True)

    @validates_schema
    def _dates(self, data: dict[str, Any], **_kw: Any) -> None:
        _check_dates(data)


class ContractChangeSchema(Schema):
    """What may change on a draft contract (lines come with it or from the source)."""

    title = fields.String(validate=validate.Length(min=1, max=200))
    party_id = fields.Integer(validate=ID)
    start_date = fields.Date(allow_none=True)
    end_date = fields.Date(allow_none=True)
    value = _decimal(2, validate=validate.Range(min=Decimal(0), max=Decimal("1e14")))
    currency = fields.String(validate=validate.Regexp(r"^[A-Za-z]{3}$"))
    template = fields.String(validate=validate.Regexp(r"^[a-z0-9_-]{1,64}$"))
    reference = fields.String(allow_none=True, validate=validate.Length(max=200))
    terms = fields.String(allow_none=True, validate=validate.Length(max=50000))
    notes = fields.String(allow_none=True, validate=validate.Length(max=10000))
    owner_id = fields.Integer(allow_none=True, validate=ID)

    @validates_schema
    def _dates(self, data: dict[str, Any], **_kw: Any) -> None:
        _check_dates(data)


class SendSchema(Schema):
    """Sending for signature: to the client's e-mail unless ``to`` names another."""

    to = fields.Email(allow_none=True, load_default=None)
    message = fields.String(allow_none=True, load_default=None,
                            validate=validate.Length(max=2000))


class SignSchema(Schema):
    """What the signer gives on the signing page."""

    name = fields.String(required=True, validate=validate.Length(min=2, max=200))
    signature = fields.String(required=True, validate=validate.Length(min=30, max=2_000_000))
    consent = fields.Boolean(required=True)
    shown_sha256 = fields.String(required=True, validate=validate.Regexp(r"^[0-9a-f]{64}$"))

    @validates_schema
    def _consents(self, data: dict[str, Any], **_kw: Any) -> None:
        if data.get("consent") is not True:
            raise ValidationError({"consent": [str(_l(
                "Tick the box to agree to sign electronically."))]})


class CountersignSchema(Schema):
    signature = fields.String(allow_none=True, load_default=None,
                              validate=validate.Length(max=2_000_000))


class ItemSchema(Schema):
    id = fields.Integer(dump_only=True)
    description = fields.String(required=True, validate=validate.Length(min=1, max=500))
    quantity = _decimal(4, required=True, validate=validate.Range(
        min=Decimal(0), max=Decimal("1e12")))
    unit = fields.String(allow_none=True, validate=validate.Length(max=20))
    remark = fields.String(allow_none=True, validate=validate.Length(max=500))


class ProtocolSchema(Schema):
    """An acceptance protocol for ``source_kind`` #``source_id`` (a contract, an order ...)."""

    id = fields.Integer(dump_only=True)
    version = fields.Integer(dump_only=True)
    number = fields.String(dump_only=True)
    status = fields.String(dump_only=True)
    party_id = fields.Integer(dump_only=True)
    source_kind = fields.String(required=True, validate=validate.Regexp(
        r"^[a-z_]+\.[a-z_]+$"))
    source_id = fields.Integer(required=True, validate=ID)
    source_reference = fields.String(dump_only=True)
    delivered_from = fields.Date(allow_none=True, load_default=None)
    delivered_on = fields.Date(required=True)
    remarks = fields.String(allow_none=True, validate=validate.Length(max=10000))
    items = fields.List(fields.Nested(ItemSchema), validate=validate.Length(max=MAX_LINES))
    sent_at = fields.DateTime(dump_only=True)
    signed_at = fields.DateTime(dump_only=True)
    created_at = fields.DateTime(dump_only=True)

    @validates_schema
    def _dates(self, data: dict[str, Any], **_kw: Any) -> None:
        start, end = data.get("delivered_from"), data.get("delivered_on")
        if start and end and end < start:
            raise ValidationError({"delivered_on": [str(_l(
                "The delivery ends before it starts."))]})


class ProtocolChangeSchema(Schema):
    delivered_from = fields.Date(allow_none=True)
    delivered_on = fields.Date()
    remarks = fields.String(allow_none=True, validate=validate.Length(max=10000))
    items = fields.List(fields.Nested(ItemSchema), validate=validate.Length(max=MAX_LINES))


class SettingsSchema(Schema):
    reminder_days = fields.String(required=True, validate=validate.Regexp(
        r"^\s*\d{1,3}(\s*,\s*\d{1,3})*\s*$",
        error=_l("Give days as numbers separated by commas, e.g. 30,7,1.")))


class ExpiringSchema(Schema):
    """The expiring list: the contracts, soonest end first."""

    items = fields.List(fields.Nested(ContractSchema), required=True)


class SignatureCheckSchema(Schema):
    """One signature of a verified PDF, as :func:`..signing.pades.verify_pdf` found it."""

    field = fields.String(required=True)
    intact = fields.Boolean(required=True)
    valid = fields.Boolean(required=True)
    trusted = fields.Boolean(required=True)
    unchanged = fields.Boolean(required=True)
    coverage = fields.String(required=True)
    modification = fields.String(required=True)
    signer = fields.String(required=True)
    signer_name = fields.String(required=True, allow_none=True)
    reason = fields.String(required=True, allow_none=True)
    signed_at = fields.DateTime(required=True, allow_none=True)


class VerificationSchema(Schema):
    """The verification report of a PDF: ``valid`` only if every signature holds."""

    valid = fields.Boolean(required=True)
    error = fields.String(required=True, allow_none=True,
                          metadata={"description": "Why the PDF could not be verified."})
    signatures = fields.List(fields.Nested(SignatureCheckSchema), required=True)


class RequisitesRequestSchema(Schema):
    """Asking client ``party_id`` for its requisites, at its e-mail unless ``to`` names
    another; answered with the questionnaire sent."""

    id = fields.Integer(dump_only=True)
    party_id = fields.Integer(required=True, validate=ID)
    to = fields.Email(allow_none=True, load_default=None, load_only=True)
    email = fields.String(dump_only=True, metadata={"description": "Where it was sent."})
    status = fields.String(dump_only=True)
