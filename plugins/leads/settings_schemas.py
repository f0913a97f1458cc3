"""marshmallow schemas of the sales settings in the API: pipelines, their stages and the
lost reasons. They check the shape (types, lengths, ranges); the services in
``services/pipelines.py`` keep the rules (unique names, won or lost, stages in use)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.api.fields import JsonBoolean


class StageSchema(Schema):
    """A stage of a pipeline; saving one sets all of it (``position`` defaults to last)."""

    id = fields.Integer(dump_only=True)
    pipeline_id = fields.Integer(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    position = fields.Integer(validate=validate.Range(min=0, max=1000))
    probability = fields.Integer(load_default=0, validate=validate.Range(min=0, max=100))
    is_won = JsonBoolean(load_default=False)
    is_lost = JsonBoolean(load_default=False)


class PipelineSchema(Schema):
    """A pipeline with its stages; a new one starts with the stages New, Won and Lost and
    is the default only when it is the first."""

    id = fields.Integer(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    position = fields.Integer(dump_only=True)
    active = fields.Boolean(dump_only=True)
    is_default = fields.Boolean(dump_only=True)
    stages = fields.List(fields.Nested(StageSchema), dump_only=True)


class PipelineChangeSchema(Schema):
    """What changes on a pipeline; ``is_default: true`` makes it the default instead of
    the one that was."""

    name = fields.String(validate=validate.Length(min=1, max=100))
    active = JsonBoolean()
    is_default = JsonBoolean()


class LostReasonSchema(Schema):
    """Why a deal was lost; saving one sets its name and whether it is offered."""

    id = fields.Integer(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    active = JsonBoolean(load_default=True)
    position = fields.Integer(dump_only=True)
