"""Input and output schema of the sample note."""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class NoteSchema(Schema):
    id = fields.Integer(dump_only=True)
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    amount = fields.Decimal(allow_none=True, as_string=True, places=2,
                            validate=validate.Range(min=-10**15, max=10**15))
    owner_id = fields.Integer(dump_only=True)
    version = fields.Integer(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)
