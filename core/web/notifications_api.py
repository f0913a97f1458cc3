"""REST side of the bell, under ``/api/v1/notifications``: one's own notifications, read
and marked read through :mod:`core.web.notifications` as the pages do."""

from __future__ import annotations

from flask import Response, jsonify, request
from marshmallow import Schema, fields

from core.api.blueprint import (
    MAX_RECORD_ID,
    RECORD_ID,
    api_blueprint,
    api_principal,
    is_whole_number,
)
from core.api.openapi import operation
from core.errors import ValidationError
from core.i18n import gettext as _
from core.web import notifications

bp = api_blueprint("notifications_api", __name__, url_prefix="/notifications")
TAGS = ["notifications"]


class NotificationSchema(Schema):
    id = fields.Integer(required=True)
    message = fields.String(required=True)
    link = fields.String(allow_none=True, required=True,
                         metadata={"description": "A site path or http(s) URL."})
    read_at = fields.AwareDateTime(allow_none=True, required=True)
    created_at = fields.AwareDateTime(required=True)


class NotificationPageSchema(Schema):
    items = fields.List(fields.Nested(NotificationSchema), required=True)
    older = fields.Integer(allow_none=True, required=True, metadata={
        "description": "Pass as `before` for the next page; null: this was the last."})
    unread = fields.Integer(required=True, metadata={"description": "Unread in all."})


class MarkedReadSchema(Schema):
    marked = fields.Integer(required=True, metadata={"description": "How many were unread."})


@bp.get("")
@operation("GET", summary="Your notifications, newest first", tags=TAGS,
           responses={200: NotificationPageSchema},
           parameters=[{"name": "before", "in": "query", "schema": {
               "type": "integer", "minimum": 0, "maximum": MAX_RECORD_ID},
               "description": "Only older than this notification id (`older` of a page)."}],
           description=f"{notifications.PAGE_SIZE} a page.")
def list_notifications() -> Response:
    user_id = api_principal().user_id
    before = request.args.get("before")
    if before is not None and not (is_whole_number(before) and int(before) <= MAX_RECORD_ID):
        raise ValidationError(_("The input is not valid."), fields={"before": [
            _("Give the id of a notification.")]})
    items = notifications.recent(user_id, before_id=int(before) if before else None)
    older = items[-1].id if len(items) == notifications.PAGE_SIZE else None
    return jsonify(items=NotificationSchema(many=True).dump(items), older=older,
                   unread=notifications.unread_count(user_id))


@bp.post(f"/<{RECORD_ID}:notification_id>/read")
@operation("POST", summary="Mark one of your notifications read", tags=TAGS,
           responses={200: NotificationSchema})
def mark_read(notification_id: int) -> Response:
    note = notifications.mark_read(api_principal().user_id, notification_id)
    return jsonify(NotificationSchema().dump(note))


@bp.post("/read-all")
@operation("POST", summary="Mark all your notifications read", tags=TAGS,
           responses={200: MarkedReadSchema})
def mark_all_read() -> Response:
    return jsonify(marked=notifications.mark_all_read(api_principal().user_id))
