"""Marshmallow schemas of invoicing: input for services, forms and the API, and output."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.company import company_language
from core.i18n import lazy_gettext as _l
from plugins.invoicing.vat import CATEGORIES, ZERO_RATE

MAX_LINES = 500
LANGUAGES = ("ro", "bg", "ru", "en")
DOC_TYPES = ("invoice", "proforma")


def _decimal(places: int, **kwargs: Any) -> fields.Decimal:
    return fields.Decimal(places=places, as_string=True, allow_nan=False, **kwargs)


class LineSchema(Schema):
    """A line. With ``product_id`` the catalogue fills what is not given; without it the
    line is a free line (permission ``invoicing.free_lines``)."""

    id = fields.Integer(dump_only=True)
    position = fields.Integer(dump_only=True)
    product_id = fields.Integer(
        allow_none=True, load_default=None, validate=validate.Range(min=1, max=2147483647)
    )
    description = fields.String(validate=validate.Length(min=1, max=500))
    quantity = _decimal(
        4, required=True, validate=validate.Range(min=Decimal("-1e12"), max=Decimal("1e12"))
    )
    unit = fields.String(allow_none=True, validate=validate.Length(max=20))
    unit_price = _decimal(4, validate=validate.Range(min=Decimal(0), max=Decimal("1e12")))
    discount = _decimal(
        2, load_default=Decimal(0), validate=validate.Range(min=Decimal(0), max=Decimal(100))
    )
    vat_rate = _decimal(2, validate=validate.Range(min=Decimal(0), max=Decimal(100)))
    vat_category = fields.String(load_default="S", validate=validate.OneOf(list(CATEGORIES)))
    exemption_reason = fields.String(allow_none=True, validate=validate.Length(max=300))
    net = _decimal(2, dump_only=True)

    @validates_schema
    def _check(self, data: dict[str, Any], partial: Any = False, **_kw: Any) -> None:
        if data.get("quantity") == 0:
            raise ValidationError(_l("A line needs a quantity."), "quantity")
        if data.get("vat_category") in ZERO_RATE and data.get("vat_rate"):
            raise ValidationError(_l("This VAT category has the rate 0."), "vat_rate")
        if data.get("product_id") or partial:
            return
        missing = [k for k in ("description", "unit_price", "vat_rate") if k not in data]
        if missing:
            raise ValidationError(
                {k: [_l("Give this for a line without a product.")] for k in missing}
            )


class LineChangeSchema(Schema):
    """What changes on a draft's line, in the editor as through the API: quantity, price and
    discount. The product, description and VAT stay; another line is removed and added."""

    quantity = _decimal(4, validate=validate.Range(min=Decimal("-1e12"), max=Decimal("1e12")))
    unit_price = _decimal(4, validate=validate.Range(min=Decimal(0), max=Decimal("1e12")))
    discount = _decimal(2, validate=validate.Range(min=Decimal(0), max=Decimal(100)))

    @validates_schema
    def _check(self, data: dict[str, Any], **_kw: Any) -> None:
        if data.get("quantity") == 0:
            raise ValidationError(_l("A line needs a quantity."), "quantity")


class InvoiceSchema(Schema):
    """A new draft: invoice or proforma, for a client, with lines."""

    id = fields.Integer(dump_only=True)
    doc_type = fields.String(load_default="invoice", validate=validate.OneOf(DOC_TYPES))
    number = fields.String(dump_only=True)
    series = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(min=1, max=40)
    )
    status = fields.String(dump_only=True)
    party_id = fields.Integer(required=True, validate=validate.Range(min=1, max=2147483647))
    currency = fields.String(required=True, validate=validate.Regexp(r"^[A-Za-z]{3}$"))
    payment_terms_days = fields.Integer(load_default=30, validate=validate.Range(min=0, max=3650))
    language = fields.String(load_default=company_language, validate=validate.OneOf(LANGUAGES))
    reference = fields.String(allow_none=True, validate=validate.Length(max=200))
    notes = fields.String(allow_none=True, validate=validate.Length(max=5000))
    owner_id = fields.Integer(allow_none=True, load_default=None)
    lines = fields.List(
        fields.Nested(LineSchema), load_default=list, validate=validate.Length(max=MAX_LINES)
    )
    credit_of_id = fields.Integer(dump_only=True)
    issue_date = fields.Date(dump_only=True)
    due_date = fields.Date(dump_only=True)
    exchange_rate = _decimal(6, dump_only=True)
    total_net = _decimal(2, dump_only=True)
    total_vat = _decimal(2, dump_only=True)
    total_gross = _decimal(2, dump_only=True)
    paid_amount = _decimal(2, dump_only=True)
    open_amount = _decimal(2, dump_only=True)
    version = fields.Integer(dump_only=True)


class InvoiceChangeSchema(Schema):
    currency = fields.String(validate=validate.Regexp(r"^[A-Za-z]{3}$"))
    payment_terms_days = fields.Integer(validate=validate.Range(min=0, max=3650))
    language = fields.String(validate=validate.OneOf(LANGUAGES))
    reference = fields.String(allow_none=True, validate=validate.Length(max=200))
    notes = fields.String(allow_none=True, validate=validate.Length(max=5000))
    series = fields.String(validate=validate.Length(min=1, max=40))


class IssueSchema(Schema):
    issue_date = fields.Date(load_default=None, allow_none=True)


class CreditLineSchema(Schema):
    line_id = fields.Integer(required=True)
    quantity = _decimal(
        4,
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=Decimal(0), min_inclusive=False),
    )


class CreditSchema(Schema):
    """Credit wholly (no ``lines``) or the given lines, each wholly or by a quantity."""

    lines = fields.List(fields.Nested(CreditLineSchema), load_default=None, allow_none=True)
    reason = fields.String(allow_none=True, validate=validate.Length(max=500))


class RateSchema(Schema):
    id = fields.Integer(dump_only=True)
    currency = fields.String(required=True, validate=validate.Regexp(r"^[A-Za-z]{3}$"))
    domestic = fields.String(
        load_default=None, allow_none=True, validate=validate.Regexp(r"^[A-Za-z]{3}$")
    )
    rate_date = fields.Date(required=True)
    rate = _decimal(
        6,
        required=True,
        validate=validate.Range(min=Decimal(0), min_inclusive=False, max=Decimal("1e9")),
    )
    source = fields.String(dump_only=True)


class SendSchema(Schema):
    to = fields.Email(load_default=None, allow_none=True)
    message = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=5000))
