"""Marshmallow schemas of the catalog: input for services, forms and the API, and output."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from core.api.fields import RecordId
from core.i18n import gettext as _
from plugins.catalog.models import PRODUCT_KINDS

MAX_PRICE = Decimal("1e12")
"""Below what the price column (18 digits, 4 decimals) holds on PostgreSQL."""


class ProductSchema(Schema):
    id = fields.Integer(dump_only=True)
    version = fields.Integer(dump_only=True)
    code = fields.String(required=True, validate=validate.Regexp(
        r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$",
        error="Use up to 40 letters, digits and . _ / - (no spaces)."))
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(allow_none=True)
    kind = fields.String(load_default="product", validate=validate.OneOf(PRODUCT_KINDS))
    unit = fields.String(load_default="pcs", validate=validate.Length(min=1, max=20))
    price = fields.Decimal(required=True, places=4, as_string=True,
                           validate=validate.Range(min=Decimal(0), max=MAX_PRICE))
    currency = fields.String(required=True, validate=validate.Regexp(r"^[A-Za-z]{3}$"))
    vat_rate = fields.Decimal(required=True, places=2, as_string=True,
                              validate=validate.Range(min=Decimal(0), max=Decimal(100)))
    active = fields.Boolean(load_default=True)
    category_ids = fields.List(RecordId(), load_only=True)
    categories = fields.Method("_category_names", dump_only=True)

    def _category_names(self, product: Any) -> list[str]:
        return [c.name for c in product.categories]

    @post_load
    def _normalise(self, data: dict[str, Any], **_kw: Any) -> dict[str, Any]:
        for key in ("code", "currency"):
            if key in data:
                data[key] = data[key].upper()
        return data


class ClientServiceSchema(Schema):
    id = fields.Integer(dump_only=True)
    client_id = fields.Integer(dump_only=True)
    product_id = RecordId(required=True)
    price = fields.Decimal(allow_none=True, places=4, as_string=True,
                           validate=validate.Range(min=Decimal(0), max=MAX_PRICE))
    starts_on = fields.Date(allow_none=True)
    ends_on = fields.Date(allow_none=True)
    note = fields.String(allow_none=True, validate=validate.Length(max=200))

    @validates_schema
    def _period(self, data: dict[str, Any], **_kw: Any) -> None:
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            raise ValidationError({"ends_on": [_("The end comes before the start.")]})
