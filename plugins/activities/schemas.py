"""Marshmallow schemas: input of the services (web forms and API) and API output."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from core.api.fields import RecordId
from core.i18n import gettext as _
from plugins.activities.models import ACTIVITY_STATUSES, ACTIVITY_TYPES, NOTE_KINDS, PRIORITIES

MAX_MINUTES = 7 * 24 * 60


class LinkFields(Schema):
    """The record an activity or task is about; both empty for a standalone one."""

    record_kind = fields.String(allow_none=True, validate=validate.Length(max=64))
    record_id = fields.Integer(allow_none=True, strict=False,
                               validate=validate.Range(min=1, max=2147483647))

    @validates_schema
    def _paired(self, data: dict[str, Any], **_kw: Any) -> None:
        if ("record_kind" in data or "record_id" in data) and \
                (data.get("record_kind") is None) != (data.get("record_id") is None):
            raise ValidationError({"record_id": [_("Give both the record kind and its id, "
                                                   "or neither.")]})


class ParticipantSchema(Schema):
    id = fields.Integer(dump_only=True)
    user_id = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=2147483647))
    name = fields.String(allow_none=True, validate=validate.Length(min=1, max=200))
    email = fields.Email(allow_none=True, validate=validate.Length(max=254))
    label = fields.String(dump_only=True)

    @validates_schema
    def _someone(self, data: dict[str, Any], **_kw: Any) -> None:
        if data.get("user_id") is None and not data.get("name"):
            raise ValidationError({"name": [_("Choose a user or write a name.")]})


class ActivitySchema(LinkFields):
    id = fields.Integer(dump_only=True)
    version = fields.Integer(dump_only=True)
    type = fields.String(required=True, validate=validate.OneOf(ACTIVITY_TYPES))
    # served in any status, so the document lists them all; created only done or scheduled
    status = fields.String(load_default="done", validate=validate.OneOf(("scheduled", "done")),
                           metadata={"enum": list(ACTIVITY_STATUSES),
                                     "description": "On creation: done (logged) or "
                                     "scheduled; afterwards it moves by the transitions."})
    subject = fields.String(required=True, validate=validate.Length(min=1, max=200))
    starts_at = fields.AwareDateTime(default_timezone=UTC, allow_none=True)
    duration_minutes = fields.Integer(allow_none=True,
                                      validate=validate.Range(min=1, max=MAX_MINUTES))
    location = fields.String(allow_none=True, validate=validate.Length(max=200))
    description = fields.String(allow_none=True, validate=validate.Length(max=20000))
    outcome = fields.String(allow_none=True, validate=validate.Length(max=20000))
    participants = fields.List(fields.Nested(ParticipantSchema), validate=validate.Length(max=50))
    owner_id = RecordId(allow_none=True)
    completed_at = fields.AwareDateTime(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)
    created_by_id = fields.Integer(dump_only=True)

    @post_load
    def _in_utc(self, data: dict[str, Any], **_kw: Any) -> dict[str, Any]:
        if data.get("starts_at") is not None:
            data["starts_at"] = data["starts_at"].astimezone(UTC)
        return data


class ActivityChangeSchema(ActivitySchema):
    """Changing an activity: the status moves only by the transitions."""

    status = fields.String(dump_only=True)


class OutcomeSchema(Schema):
    outcome = fields.String(allow_none=True, validate=validate.Length(max=20000))


class TaskSchema(LinkFields):
    id = fields.Integer(dump_only=True)
    version = fields.Integer(dump_only=True)
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(allow_none=True, validate=validate.Length(max=20000))
    assignee_id = fields.Integer(attribute="owner_id", allow_none=True,
                                 validate=validate.Range(min=1, max=2147483647),
                                 metadata={"description": "Who must do it (the task's owner); "
                                           "default: the caller."})
    due_on = fields.Date(allow_none=True)
    priority = fields.String(load_default="normal", validate=validate.OneOf(PRIORITIES))
    status = fields.String(dump_only=True)
    completed_at = fields.AwareDateTime(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)
    created_by_id = fields.Integer(dump_only=True)


class TaskChangeSchema(TaskSchema):
    priority = fields.String(validate=validate.OneOf(PRIORITIES))


class AttachmentSchema(Schema):
    id = fields.Integer(dump_only=True)
    filename = fields.String(dump_only=True)
    content_type = fields.String(dump_only=True)
    size = fields.Integer(dump_only=True)
    sha256 = fields.String(dump_only=True)
    url = fields.Method("_url", dump_only=True)

    def _url(self, attachment: Any) -> str:
        from flask import url_for

        return url_for("activities_api.download", key=attachment.storage_key)


class NoteSchema(Schema):
    id = fields.Integer(dump_only=True)
    kind = fields.String(load_default="comment", validate=validate.OneOf(NOTE_KINDS))
    body = fields.String(required=True, validate=validate.Length(min=1, max=20000))
    record_kind = fields.String(dump_only=True)
    record_id = fields.Integer(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)
    created_by_id = fields.Integer(dump_only=True)
    attachments = fields.List(fields.Nested(AttachmentSchema), dump_only=True)


class CalendarFeedSchema(Schema):
    """Whether one's calendar feed is on; its URL is not kept, so it is never shown again."""

    active = fields.Boolean(required=True)
    last_used_at = fields.DateTime(allow_none=True, required=True, metadata={
        "description": "When a calendar client last fetched the feed."})


class NewCalendarFeedSchema(Schema):
    """A new feed URL, shown this once; the previous URL has stopped working."""

    url = fields.String(required=True, metadata={
        "description": "The feed to subscribe to (iCalendar); whoever has it sees "
                       "one's schedule."})
