"""Marshmallow schemas of leads: input for services, forms and the API, and output."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import (
    Schema,
    ValidationError,
    fields,
    post_load,
    pre_load,
    validate,
    validates_schema,
)

from core.api.fields import RecordId
from core.db import session
from core.i18n import gettext as _
from core.services.codes import country_code, currency_code
from plugins.leads.models import CLIENT_KINDS, SOURCES

_country = country_code()
_currency = currency_code()
TEXT_FIELDS = ("title", "company_name", "person_name", "email", "phone", "country", "tax_id",
               "description", "lost_note", "source_ref")


def _blank_to_none(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    return {k: (None if k in TEXT_FIELDS and isinstance(v, str) and not v.strip() else v)
            for k, v in data.items()}


MAX_LINE_AMOUNT = Decimal("1e15")
"""A calculator line's quantity x unit price, below what its amount column holds."""
_BLANK = {"blank_is_none": True}  # documented as such: form posts send "" for "none"


class LeadSchema(Schema):
    """A lead's own fields; contacts and calculator lines have their own schemas."""

    id = fields.Integer(dump_only=True)
    version = fields.Integer(dump_only=True)
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    source = fields.String(load_default="manual", validate=validate.OneOf(SOURCES))
    source_ref = fields.String(allow_none=True, validate=validate.Length(max=300))
    client_kind = fields.String(load_default="legal_entity",
                                validate=validate.OneOf(CLIENT_KINDS))
    company_name = fields.String(allow_none=True, validate=validate.Length(max=200))
    person_name = fields.String(allow_none=True, validate=validate.Length(max=200))
    email = fields.Email(allow_none=True, validate=validate.Length(max=254), metadata=_BLANK)
    phone = fields.String(allow_none=True, validate=validate.Length(max=40))
    country = fields.String(allow_none=True, validate=_country, metadata=_BLANK)
    tax_id = fields.String(allow_none=True, validate=validate.Length(max=32))
    client_id = RecordId(allow_none=True, strict=True)
    budget = fields.Decimal(allow_none=True, places=2, as_string=True,
                            validate=validate.Range(min=Decimal(0), max=Decimal("1e15")))
    currency = fields.String(load_default="EUR", validate=_currency)
    pipeline_id = RecordId(allow_none=True, strict=True)
    stage_id = RecordId(allow_none=True, strict=True)
    status = fields.String(dump_only=True)
    lost_reason_id = RecordId(allow_none=True, strict=True)
    lost_note = fields.String(allow_none=True, validate=validate.Length(max=500))
    description = fields.String(allow_none=True, validate=validate.Length(max=20000))
    owner_id = RecordId(allow_none=True, strict=True)
    stage_entered_at = fields.DateTime(dump_only=True)
    closed_at = fields.DateTime(dump_only=True)
    converted_at = fields.DateTime(dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    stage_name = fields.Function(lambda lead: lead.stage.name if lead.stage else None,
                                 dump_only=True)

    @pre_load
    def _blanks(self, data: Any, **_kw: Any) -> Any:
        data = _blank_to_none(data)
        if isinstance(data, dict):
            for key in ("client_id", "pipeline_id", "stage_id", "lost_reason_id", "owner_id"):
                value = data.get(key)
                if isinstance(value, str) and value.strip().isdigit():
                    data[key] = int(value)  # form posts send text
                elif isinstance(value, str) and not value.strip():
                    data[key] = None
        return data

    @post_load
    def _normalise(self, data: dict[str, Any], **_kw: Any) -> dict[str, Any]:
        for key in ("country", "currency"):
            if data.get(key):
                data[key] = data[key].upper()
        if data.get("email"):
            data["email"] = data["email"].lower()
        return data

    @validates_schema
    def _references(self, data: dict[str, Any], **_kw: Any) -> None:
        from plugins.leads.models import LostReason
        from plugins.parties.models import Client

        missing = {key: [_("There is no such record.")]
                   for key, model in (("client_id", Client), ("lost_reason_id", LostReason))
                   if data.get(key) is not None and session().get(model, data[key]) is None}
        if missing:
            raise ValidationError(missing)


class WebsiteLeadSchema(LeadSchema):
    """What the website API takes: a lead whose title may be left out, and its contacts."""

    title = fields.String(validate=validate.Length(min=1, max=200), metadata={
        "description": "Defaults to the company, the person or the e-mail."})
    contacts = fields.List(fields.Nested(lambda: LeadContactSchema()), load_only=True,
                           validate=validate.Length(max=50))


class LeadContactSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    job_title = fields.String(allow_none=True, validate=validate.Length(max=120))
    email = fields.Email(allow_none=True, validate=validate.Length(max=254), metadata=_BLANK)
    phone = fields.String(allow_none=True, validate=validate.Length(max=40))
    is_primary = fields.Boolean(load_default=False)

    @pre_load
    def _blanks(self, data: Any, **_kw: Any) -> Any:
        if isinstance(data, dict):
            return {k: (None if isinstance(v, str) and not v.strip() and k != "name" else v)
                    for k, v in data.items()}
        return data

    @post_load
    def _normalise(self, data: dict[str, Any], **_kw: Any) -> dict[str, Any]:
        if data.get("email"):
            data["email"] = data["email"].lower()
        if data.get("phone") and not any(ch.isdigit() for ch in data["phone"]):
            raise ValidationError({"phone": [_("A phone number needs digits.")]})
        return data


class MoveSchema(Schema):
    """Moving a lead to another stage (the kanban board, the stage select, the API)."""

    stage_id = RecordId(required=True, strict=True)
    lost_reason_id = RecordId(allow_none=True, strict=True)
    lost_note = fields.String(allow_none=True, validate=validate.Length(max=500))
    version = fields.Integer(allow_none=True, strict=True)


class LineSchema(Schema):
    """A cost-calculator line; price, unit and VAT default to the catalogue product's."""

    id = fields.Integer(dump_only=True)
    product_id = RecordId(allow_none=True, strict=True)
    description = fields.String(allow_none=True, validate=validate.Length(min=1, max=300))
    quantity = fields.Decimal(required=True, places=4, as_string=True,
                              validate=validate.Range(min=Decimal("0.0001"),
                                                      max=Decimal("1e12")))
    unit = fields.String(allow_none=True, validate=validate.Length(max=20))
    unit_price = fields.Decimal(allow_none=True, places=4, as_string=True,
                                validate=validate.Range(min=Decimal(0), max=Decimal("1e12")))
    discount = fields.Decimal(load_default=Decimal(0), places=2, as_string=True,
                              validate=validate.Range(min=Decimal(0), max=Decimal(100)))
    vat_rate = fields.Decimal(allow_none=True, places=2, as_string=True,
                              validate=validate.Range(min=Decimal(0), max=Decimal(100)))
    net = fields.Decimal(dump_only=True, places=2, as_string=True)

    @validates_schema
    def _amount_fits(self, data: dict[str, Any], **_kw: Any) -> None:
        """Quantity and price are each bounded, but their product must fit the amount
        column too (PostgreSQL refuses it with an error naming no field)."""
        quantity, price = data.get("quantity"), data.get("unit_price")
        if quantity is not None and price is not None and quantity * price > MAX_LINE_AMOUNT:
            raise ValidationError({"quantity": [_("The line's amount is too large.")]})

    @pre_load
    def _blanks(self, data: Any, **_kw: Any) -> Any:
        if isinstance(data, dict):
            data = {k: (None if isinstance(v, str) and not v.strip() else v)
                    for k, v in data.items()}
            if isinstance(data.get("product_id"), str) and data["product_id"].isdigit():
                data["product_id"] = int(data["product_id"])
            if data.get("discount") is None:
                data.pop("discount", None)
        return data
