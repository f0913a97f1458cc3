"""marshmallow schemas of a web form in the API: what the form designer edits. They check
the shape; ``services/webforms.py`` keeps the rules (lead fields only, an e-mail or phone
asked for, origins as ``https://host``)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.api.fields import JsonBoolean, RecordId
from plugins.leads.services.webforms import FORM_FIELDS, LANGUAGES, endpoint_of

_LANGUAGE = fields.String(validate=validate.OneOf(LANGUAGES))


class WebFormFieldSchema(Schema):
    """A lead field the form asks for, with its label per language (default: the field's
    own name in the visitor's language)."""

    name = fields.String(required=True, validate=validate.OneOf(FORM_FIELDS))
    required = JsonBoolean(load_default=False)
    labels = fields.Dict(keys=_LANGUAGE, values=fields.String(validate=validate.Length(max=120)),
                         load_default=dict)


class WebFormSchema(Schema):
    """A web form; saving one sets all of it. ``key`` and ``endpoint`` are where the
    website posts (``POST /api/v1/leads/forms/{key}``)."""

    id = fields.Integer(dump_only=True)
    key = fields.String(dump_only=True)
    endpoint = fields.Function(endpoint_of, dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    active = JsonBoolean(load_default=True)
    pipeline_id = RecordId(allow_none=True, load_default=None, metadata={
        "description": "Where its leads start; the default pipeline when null."})
    owner_id = RecordId(allow_none=True, load_default=None, metadata={
        "description": "Who gets its leads; the one saving it when null."})
    form_fields = fields.List(fields.Nested(WebFormFieldSchema), required=True,
                              data_key="fields", attribute="fields",
                              validate=validate.Length(min=1, max=len(FORM_FIELDS)))
    thank_you = fields.Dict(keys=_LANGUAGE,
                            values=fields.String(validate=validate.Length(max=2000)),
                            load_default=dict)
    allowed_origins = fields.String(load_default="", validate=validate.Length(max=5000),
                                    metadata={"description": "Sites that may post the form "
                                              "from a browser, one per line."})
