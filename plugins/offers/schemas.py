"""Marshmallow schemas of offers: input for services, forms and the API, and output."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import Schema, fields, post_load, validate

from core.api.fields import RecordId
from core.i18n import lazy_gettext as _l
from plugins.offers.models import OFFER_FORMATS, OFFER_STATUSES

LANGUAGES = ("en", "ro", "bg", "ru")
MAX_AMOUNT = Decimal("9999999999")


class LineSchema(Schema):
    """One line; with ``product_id`` the catalogue fills what is left out."""

    id = fields.Integer(dump_only=True)
    position = fields.Integer(dump_only=True)
    product_id = fields.Integer(allow_none=True, validate=validate.Range(min=1,
                                                                        max=2147483647))
    description = fields.String(validate=validate.Length(min=1, max=2000))
    quantity = fields.Decimal(required=True, places=4, as_string=True, allow_nan=False,
                              validate=validate.Range(min=Decimal("0.0001"), max=MAX_AMOUNT))
    unit = fields.String(allow_none=True, validate=validate.Length(max=20))
    unit_price = fields.Decimal(places=4, as_string=True, allow_nan=False,
                                validate=validate.Range(min=Decimal(0), max=MAX_AMOUNT))
    discount = fields.Decimal(places=2, as_string=True, allow_nan=False,
                              load_default=Decimal(0),
                              validate=validate.Range(min=Decimal(0), max=Decimal(100)))
    vat_rate = fields.Decimal(places=2, as_string=True, allow_nan=False,
                              validate=validate.Range(min=Decimal(0), max=Decimal(100)))
    is_service = fields.Boolean(dump_only=True)
    net = fields.Decimal(places=2, as_string=True, dump_only=True)


class OfferSchema(Schema):
    id = fields.Integer(dump_only=True)
    version = fields.Integer(dump_only=True)
    family_id = fields.Integer(dump_only=True)
    revision = fields.Integer(dump_only=True)
    superseded = fields.Boolean(dump_only=True)
    number = fields.String(dump_only=True)
    status = fields.String(dump_only=True, validate=validate.OneOf(OFFER_STATUSES))
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    format = fields.String(load_default="table", validate=validate.OneOf(OFFER_FORMATS))
    party_id = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=2147483647))
    lead_id = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=2147483647))
    contact_id = fields.Integer(allow_none=True,
                                validate=validate.Range(min=1, max=2147483647),
                                metadata={"description": "A contact person of the client "
                                          "(party_id); the offer is e-mailed to them."})
    recipient_email = fields.Email(allow_none=True, validate=validate.Length(max=254))
    language = fields.String(load_default="en", validate=validate.OneOf(LANGUAGES))
    currency = fields.String(required=True, validate=validate.Regexp(
        r"^[A-Za-z]{3}$", error=_l("Give a three-letter currency code (RON, EUR).")))
    valid_until = fields.Date(allow_none=True)
    intro = fields.String(allow_none=True, validate=validate.Length(max=20000))
    body = fields.String(allow_none=True, validate=validate.Length(max=100000))
    terms = fields.String(allow_none=True, validate=validate.Length(max=20000))
    text_id = RecordId(allow_none=True, metadata={
        "description": "The named offer text (offers.text) the documents print; an active "
                       "one. Left out on create: the default text."})
    owner_id = RecordId(allow_none=True)
    total_net = fields.Decimal(places=2, as_string=True, dump_only=True)
    total_vat = fields.Decimal(places=2, as_string=True, dump_only=True)
    total_gross = fields.Decimal(places=2, as_string=True, dump_only=True)
    sent_at = fields.DateTime(dump_only=True)
    first_viewed_at = fields.DateTime(dump_only=True)
    last_viewed_at = fields.DateTime(dump_only=True)
    view_count = fields.Integer(dump_only=True)
    decided_at = fields.DateTime(dump_only=True)
    decision_comment = fields.String(dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    lines = fields.List(fields.Nested(LineSchema), load_only=False)

    @post_load
    def _normalise(self, data: dict[str, Any], **_kw: Any) -> dict[str, Any]:
        if data.get("currency"):
            data["currency"] = data["currency"].upper()
        for key in ("intro", "body", "terms", "recipient_email"):
            if key in data and isinstance(data[key], str) and not data[key].strip():
                data[key] = None
        return data


class OfferTextSchema(Schema):
    """A named offer text: ``body`` is a template with the offer's merge tags."""

    id = fields.Integer(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    body = fields.String(required=True, validate=validate.Length(max=100000), metadata={
        "description": "Jinja template in the document sandbox, with the offer's merge tags "
                       "({{ client.name }}); printed where a document says {{ offer.text }}."})
    intro = fields.String(allow_none=True, validate=validate.Length(max=20000))
    terms = fields.String(allow_none=True, validate=validate.Length(max=20000))
    active = fields.Boolean(load_default=True)
    is_default = fields.Boolean(load_default=False, metadata={
        "description": "The text new offers get; making one the default unmarks the other."})
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)

    @post_load
    def _normalise(self, data: dict[str, Any], **_kw: Any) -> dict[str, Any]:
        for key in ("intro", "terms"):
            if key in data and isinstance(data[key], str) and not data[key].strip():
                data[key] = None
        return data


class SendSchema(Schema):
    """What the send dialog asks: where to, and an optional note above the link."""

    to = fields.Email(allow_none=True, validate=validate.Length(max=254))
    message = fields.String(allow_none=True, validate=validate.Length(max=5000))


class DecisionSchema(Schema):
    """The client's answer from the public page (or staff recording it)."""

    decision = fields.String(required=True, validate=validate.OneOf(("accept", "decline")))
    comment = fields.String(allow_none=True, validate=validate.Length(max=2000))


class CommentSchema(Schema):
    """Staff recording the client's answer: only the comment, the endpoint says which."""

    comment = fields.String(allow_none=True, validate=validate.Length(max=2000))
