"""Marshmallow schemas of questionnaires for the API: what a template, a sending and a
client's answers look like. The questionnaire services check the rules beyond the shape
(a unique name, two choices at least, answers of the questions' types)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.api.fields import JsonBoolean, RecordId
from plugins.leads.models import QUESTION_TYPES
from plugins.leads.services.questionnaires import MAX_QUESTIONS, MAX_TEXT, RECORD_KINDS


class QuestionSchema(Schema):
    key = fields.String(dump_only=True, metadata={"description": "Names its answer."})
    label = fields.String(required=True, validate=validate.Length(min=1, max=500))
    type = fields.String(required=True, validate=validate.OneOf(QUESTION_TYPES))
    required = JsonBoolean(load_default=False)
    choices = fields.List(fields.String(validate=validate.Length(max=200)),
                          load_default=list, metadata={
                              "description": "Two or more, for choice and multi_choice."})


class QuestionnaireTemplateSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    intro = fields.String(allow_none=True, validate=validate.Length(max=MAX_TEXT))
    active = JsonBoolean(load_default=True)
    questions = fields.List(fields.Nested(QuestionSchema), required=True,
                            validate=validate.Length(min=1, max=MAX_QUESTIONS))
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)


class QuestionnaireSendSchema(Schema):
    record_kind = fields.String(required=True, validate=validate.OneOf(RECORD_KINDS))
    record_id = RecordId(required=True)
    days = fields.Integer(load_default=14, strict=True, validate=validate.Range(min=1, max=365),
                          metadata={"description": "How long the link works."})
    email = fields.Email(allow_none=True, load_default=None, metadata={
        "description": "Mail the link there too."})


class QuestionnaireAnswersSchema(Schema):
    """A questionnaire sent for a record, with the answers once the client gave them."""

    id = fields.Integer()
    template_id = fields.Integer(allow_none=True)
    title = fields.String()
    questions = fields.List(fields.Nested(QuestionSchema))
    answers = fields.Dict(allow_none=True)
    record_kind = fields.String()
    record_id = fields.Integer()
    sent_by_id = fields.Integer(allow_none=True)
    sent_at = fields.DateTime()
    expires_at = fields.DateTime()
    submitted_at = fields.DateTime(allow_none=True)


class QuestionnaireSentSchema(Schema):
    link = fields.String(metadata={"description": "The client's single-use link; it is not "
                                                  "kept anywhere, so hand it on now."})
    response = fields.Nested(QuestionnaireAnswersSchema)


class QuestionnaireFormSchema(Schema):
    """What the client sees behind the link."""

    title = fields.String()
    intro = fields.String(allow_none=True)
    expires_at = fields.DateTime()
    questions = fields.List(fields.Nested(QuestionSchema))
