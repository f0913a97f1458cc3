"""Marshmallow schemas of shipping: input for services, forms and the API, and output."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.i18n import lazy_gettext as _l

MAX_ID = 2147483647
MAX_LINES = 500
MAX_PACKAGES = 200


def _decimal(places: int, **kwargs: Any) -> fields.Decimal:
    return fields.Decimal(places=places, as_string=True, allow_nan=False, **kwargs)


def _id(**kwargs: Any) -> fields.Integer:
    return fields.Integer(validate=validate.Range(min=1, max=MAX_ID), **kwargs)


def _text(size: int, **kwargs: Any) -> fields.String:
    return fields.String(allow_none=True, validate=validate.Length(max=size), **kwargs)


class PlainRegexp(validate.Regexp):
    """A pattern whose message is shown as written: marshmallow fills ``{input}`` and
    ``{regex}`` into it, and a message naming the ``{tracking}`` placeholder would break that
    (a KeyError, so a bad address was a 500 instead of a 422)."""

    def _format_error(self, value: Any) -> str:
        return str(self.error)


class CarrierSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    services = fields.List(fields.String(validate=validate.Length(min=1, max=100)),
                           load_default=list, validate=validate.Length(max=50),
                           attribute="service_list")
    tracking_url = fields.String(allow_none=True, validate=[
        validate.Length(max=500),
        # a lookahead rather than ``\S*\{tracking\}\S*``: the same addresses, in a form a
        # fuzzer can still generate once it folds the length bound into the pattern
        PlainRegexp(r"^https?://(?=\S*\{tracking\})\S*$", error=_l(
            "Give an http(s) address with {tracking} where the tracking number goes."))])
    address = _text(1000)
    phone = _text(50)
    active = fields.Boolean(load_default=True)


class ShipmentLineSchema(Schema):
    """A line: ``quantity`` of order line ``order_line_id`` (what is left of it when
    omitted)."""

    id = fields.Integer(dump_only=True)
    order_line_id = _id(required=True)
    product_id = fields.Integer(dump_only=True)
    description = fields.String(dump_only=True)
    quantity = _decimal(4, validate=validate.Range(min=Decimal(0), min_inclusive=False,
                                                   max=Decimal("1e12")))
    unit = fields.String(dump_only=True)
    net_weight = _decimal(3, allow_none=True,
                          validate=validate.Range(min=Decimal(0), max=Decimal("1e9")))
    package = fields.Integer(dump_only=True)


class ShipmentSchema(Schema):
    id = fields.Integer(dump_only=True)
    version = fields.Integer(dump_only=True)
    number = fields.String(dump_only=True)
    status = fields.String(dump_only=True)
    order_id = _id(required=True)
    party_id = fields.Integer(dump_only=True)
    method = fields.String(load_default="carrier",
                           validate=validate.OneOf(["carrier", "own"]))
    carrier_id = _id(allow_none=True)
    carrier_service = _text(100)
    tracking_number = _text(100)
    vehicle = _text(50)
    driver = _text(200)
    origin = _text(1000)
    delivery_address_id = _id(allow_none=True)
    delivery_address = fields.String(dump_only=True)
    delivery_country = fields.String(dump_only=True)
    planned_dispatch = fields.Date(allow_none=True)
    planned_delivery = fields.Date(allow_none=True)
    dispatched_on = fields.Date(dump_only=True)
    delivered_on = fields.Date(dump_only=True)
    returned_on = fields.Date(dump_only=True)
    instructions = _text(2000)
    notes = _text(10000)
    owner_id = _id(allow_none=True)
    lines = fields.List(fields.Nested(ShipmentLineSchema), validate=validate.Length(
        max=MAX_LINES))
    packages = fields.Method("_packages", dump_only=True)
    package_count = fields.Integer(dump_only=True)
    gross_weight = _decimal(3, dump_only=True)
    net_weight = _decimal(3, dump_only=True)
    volume = _decimal(3, dump_only=True)
    tracking_link = fields.String(dump_only=True)
    created_at = fields.DateTime(dump_only=True)

    def _packages(self, shipment: Any) -> list[dict[str, Any]]:
        return PackageSchema(many=True).dump(shipment.packages)

    @validates_schema
    def _dates_in_order(self, data: dict[str, Any], **_kw: Any) -> None:
        first, last = data.get("planned_dispatch"), data.get("planned_delivery")
        if first and last and last < first:
            raise ValidationError({"planned_delivery": [
                str(_l("Delivery cannot be planned before dispatch."))]})


class ShipmentChangeSchema(ShipmentSchema):
    """What may change on a planned or packed shipment (not its order nor its lines)."""

    class Meta:
        exclude = ("order_id", "lines")


class PackageSchema(Schema):
    id = fields.Integer(dump_only=True)
    position = fields.Integer(dump_only=True)
    packaging = fields.String(load_default="box", validate=validate.Length(min=1, max=50))
    count = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    gross_weight = _decimal(3, required=True, validate=validate.Range(
        min=Decimal(0), min_inclusive=False, max=Decimal("1e9")))
    length = _decimal(1, allow_none=True, validate=validate.Range(min=Decimal(0),
                                                                  max=Decimal(100000)))
    width = _decimal(1, allow_none=True, validate=validate.Range(min=Decimal(0),
                                                                 max=Decimal(100000)))
    height = _decimal(1, allow_none=True, validate=validate.Range(min=Decimal(0),
                                                                  max=Decimal(100000)))
    marks = _text(100)
    lines = fields.List(_id(), load_default=list, load_only=True)


class PackingSchema(Schema):
    """Packing: the packages, each naming the shipment lines (ids) it holds, the net weight
    of each line when known (``{"<line id>": "12.5"}``) and ``origin``, the warehouse address
    the goods are packed at and leave from (unchanged when omitted or empty)."""

    origin = _text(1000, load_default=None)
    packages = fields.List(fields.Nested(PackageSchema), required=True,
                           validate=validate.Length(min=1, max=MAX_PACKAGES))
    net_weights = fields.Dict(keys=fields.String(), values=_decimal(
        3, validate=validate.Range(min=Decimal(0), max=Decimal("1e9"))), load_default=dict)


class DispatchSchema(Schema):
    dispatched_on = fields.Date(allow_none=True, load_default=None)
    tracking_number = _text(100, load_default=None)
    notify_client = fields.Boolean(load_default=True)
    to = fields.Email(allow_none=True, load_default=None)


class DeliverySchema(Schema):
    delivered_on = fields.Date(allow_none=True, load_default=None)
    comment = _text(2000, load_default=None)


class ReturnSchema(Schema):
    returned_on = fields.Date(allow_none=True, load_default=None)
    comment = _text(2000, load_default=None)
