"""Marshmallow schemas of complaints: input for services, forms and the API, and output."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from plugins.complaints.workflow import CAUSES, REMEDIES

MAX_ID = 2147483647
SUBJECT_KINDS = ("orders.order", "invoicing.invoice", "shipping.shipment", "catalog.product")
"""What a complaint may be about; a kind whose plugin is disabled is refused."""


def _id(**kwargs: object) -> fields.Integer:
    return fields.Integer(validate=validate.Range(min=1, max=MAX_ID), **kwargs)


def _text(size: int, **kwargs: object) -> fields.String:
    return fields.String(allow_none=True, validate=validate.Length(max=size), **kwargs)


class AttachmentSchema(Schema):
    filename = fields.String()
    content_type = fields.String()
    size = fields.Integer()
    storage_key = fields.String(data_key="key")


class PortalComplaintSchema(Schema):
    """What a client may say from the portal: the subject, what is wrong, what they want."""

    subject_kind = fields.String(required=True, validate=validate.OneOf(SUBJECT_KINDS))
    subject_id = _id(required=True)
    product_id = _id(allow_none=True)
    cause = fields.String(load_default="other", validate=validate.OneOf(list(CAUSES)))
    description = fields.String(required=True, validate=validate.Length(min=1, max=10000))
    remedy = fields.String(load_default="other", validate=validate.OneOf(list(REMEDIES)))
    remedy_details = _text(2000)


class ComplaintSchema(PortalComplaintSchema):
    id = fields.Integer(dump_only=True)
    version = fields.Integer(dump_only=True)
    number = fields.String(dump_only=True)
    status = fields.String(dump_only=True)
    party_id = _id(allow_none=True, metadata={
        "description": "The client; taken from the subject when it has one."})
    assignee_id = _id(allow_none=True)
    deadline = fields.Date(allow_none=True)
    owner_id = _id(allow_none=True)
    resolution = fields.String(dump_only=True)
    resolved_at = fields.DateTime(dump_only=True)
    portal_user_id = fields.Integer(dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)


class ComplaintChangeSchema(Schema):
    """What staff may change while the complaint is open (the subject stays)."""

    product_id = _id(allow_none=True)
    cause = fields.String(validate=validate.OneOf(list(CAUSES)))
    description = fields.String(validate=validate.Length(min=1, max=10000))
    remedy = fields.String(validate=validate.OneOf(list(REMEDIES)))
    remedy_details = _text(2000)
    assignee_id = _id(allow_none=True)
    deadline = fields.Date(allow_none=True)
    owner_id = _id(allow_none=True)


class MoveSchema(Schema):
    """A workflow move; ``resolution`` is required to resolve."""

    comment = _text(2000, load_default=None)
    resolution = _text(10000, load_default=None)


class ReportQuerySchema(Schema):
    received_from = fields.Date(load_default=None)
    received_until = fields.Date(load_default=None)
