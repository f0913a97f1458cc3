"""Marshmallow schemas of orders: input for services, forms and the API, and output."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.api.fields import JsonBoolean
from core.i18n import lazy_gettext as _l
from plugins.activities.schemas import AttachmentSchema

MAX_LINES = 500


def _decimal(places: int, **kwargs: Any) -> fields.Decimal:
    return fields.Decimal(places=places, as_string=True, allow_nan=False, **kwargs)


class LineSchema(Schema):
    """A line. With ``product_id`` the catalogue fills description, unit, price and VAT
    rate that are not given."""

    id = fields.Integer(dump_only=True)
    position = fields.Integer(dump_only=True)
    product_id = fields.Integer(allow_none=True, load_default=None,
                                validate=validate.Range(min=1, max=2147483647))
    description = fields.String(validate=validate.Length(min=1, max=500))
    quantity = _decimal(4, required=True, validate=validate.Range(
        min=Decimal(0), min_inclusive=False, max=Decimal("1e12")))
    unit = fields.String(allow_none=True, validate=validate.Length(max=20))
    unit_price = _decimal(4, validate=validate.Range(min=Decimal(0), max=Decimal("1e12")))
    discount = _decimal(2, load_default=Decimal(0),
                        validate=validate.Range(min=Decimal(0), max=Decimal(100)))
    vat_rate = _decimal(2, validate=validate.Range(min=Decimal(0), max=Decimal(100)))
    net = _decimal(2, dump_only=True)

    @validates_schema
    def _free_line_is_complete(self, data: dict[str, Any], partial: Any = False,
                               **_kw: Any) -> None:
        if data.get("product_id") or partial:
            return
        missing = {name: [str(_l("Give it, or choose a product."))]
                   for name in ("description", "unit_price", "vat_rate") if name not in data}
        if missing:
            raise ValidationError(missing)


class OrderSchema(Schema):
    id = fields.Integer(dump_only=True)
    version = fields.Integer(dump_only=True)
    number = fields.String(dump_only=True)
    status = fields.String(dump_only=True)
    party_id = fields.Integer(required=True, validate=validate.Range(min=1, max=2147483647))
    contact_id = fields.Integer(allow_none=True,
                                validate=validate.Range(min=1, max=2147483647),
                                metadata={"description": "A contact person of the client "
                                          "(party_id); the order is e-mailed to them."})
    currency = fields.String(required=True, validate=validate.Regexp(r"^[A-Za-z]{3}$"))
    delivery_date = fields.Date(allow_none=True)
    reference = fields.String(allow_none=True, validate=validate.Length(max=200))
    notes = fields.String(allow_none=True, validate=validate.Length(max=10000))
    owner_id = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=2147483647))
    lines = fields.List(fields.Nested(LineSchema), load_default=list,
                        validate=validate.Length(max=MAX_LINES))
    total_net = _decimal(2, dump_only=True)
    total_vat = _decimal(2, dump_only=True)
    total_gross = _decimal(2, dump_only=True)
    sent_at = fields.DateTime(dump_only=True)
    confirmed_at = fields.DateTime(dump_only=True)
    created_at = fields.DateTime(dump_only=True)


class OrderChangeSchema(Schema):
    """What may change on an existing order (lines have services of their own)."""

    party_id = fields.Integer(validate=validate.Range(min=1, max=2147483647))
    contact_id = fields.Integer(allow_none=True,
                                validate=validate.Range(min=1, max=2147483647),
                                metadata={"description": "A contact person of the client "
                                          "(party_id); the order is e-mailed to them."})
    currency = fields.String(validate=validate.Regexp(r"^[A-Za-z]{3}$"))
    delivery_date = fields.Date(allow_none=True)
    reference = fields.String(allow_none=True, validate=validate.Length(max=200))
    notes = fields.String(allow_none=True, validate=validate.Length(max=10000))
    owner_id = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=2147483647))


class SendSchema(Schema):
    """Sending for confirmation: to the client's e-mail unless ``to`` names another."""

    to = fields.Email(allow_none=True, load_default=None)
    message = fields.String(allow_none=True, load_default=None,
                            validate=validate.Length(max=2000))


class ClientAnswerSchema(Schema):
    """What the client types on the confirmation page."""

    text = fields.String(load_default="", validate=validate.Length(max=4000))


class OrderSettingsSchema(Schema):
    """Whether an accepted offer becomes an order by itself, and whether that order is then
    sent to the client (only when it is made)."""

    create_on_acceptance = JsonBoolean(required=True)
    send_on_acceptance = JsonBoolean(load_default=False)


class ThreadMessageSchema(Schema):
    """A message in an order's client thread, from the client or from staff. ``token`` is
    the one-time value of the form it was typed in, so a second submit posts nothing."""

    body = fields.String(required=True, validate=validate.Length(min=1, max=4000))
    token = fields.String(load_default=None, validate=validate.Length(min=8, max=64))


class ThreadMessageOutSchema(Schema):
    """A message of an order's client thread as the API shows it to staff; its files
    download from the activities API, and more are attached to its ``note_id`` there."""

    id = fields.Integer(dump_only=True)
    order_id = fields.Integer(dump_only=True)
    note_id = fields.Integer(dump_only=True)
    from_client = fields.Boolean(dump_only=True)
    author_name = fields.String(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)
    body = fields.String(attribute="note.body", dump_only=True)
    attachments = fields.List(fields.Nested(AttachmentSchema), attribute="note.attachments",
                              dump_only=True)


class StatusSchema(Schema):
    """An admin-added status."""

    id = fields.Integer(dump_only=True)
    code = fields.String(required=True, validate=validate.Regexp(
        r"^[a-z][a-z0-9_]{1,29}$",
        error=_l("Use 2 to 30 small letters, digits and _, starting with a letter.")))
    label = fields.String(required=True, validate=validate.Length(min=1, max=100))
    after = fields.String(required=True)
    before = fields.String(required=True)
    mandatory = fields.Boolean(load_default=False)
