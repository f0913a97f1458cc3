"""REST endpoints of one's calendar feed (``/api/v1/activities/calendar-feed``): what the
calendar page does, through its services. Making a feed answers its URL once (only a
SHA-256 of the token is stored) and ends the previous one; revoking switches it off."""

from __future__ import annotations

from flask import jsonify

from core.api.blueprint import api_blueprint, api_principal
from core.api.openapi import operation
from core.permissions import require
from plugins.activities import services
from plugins.activities.links import external_url
from plugins.activities.schemas import CalendarFeedSchema, NewCalendarFeedSchema
from plugins.activities.services.calendar import token_of

bp = api_blueprint("activities_calendar_api", __name__)

FEED = "/activities/calendar-feed"
TAGS = ["activities"]


@bp.get(FEED)
@operation("GET", summary="Whether one's calendar feed is on, and when it was last read",
           tags=TAGS, responses={200: CalendarFeedSchema})
def get_feed():
    principal = api_principal()
    require(principal, "activities.read")
    row = token_of(principal.user_id)
    return jsonify(CalendarFeedSchema().dump({
        "active": row is not None, "last_used_at": row.last_used_at if row else None}))


@bp.post(FEED)
@operation("POST", summary="Make a new calendar feed URL (shown once; the old one stops)",
           tags=TAGS, responses={201: NewCalendarFeedSchema})
def make_feed():
    token = services.regenerate_token(api_principal())
    response = jsonify(NewCalendarFeedSchema().dump(
        {"url": external_url("activities.calendar_feed", token=token)}))
    response.headers["Cache-Control"] = "no-store"  # it carries a secret
    return response, 201


@bp.delete(FEED)
@operation("DELETE", summary="Switch one's calendar feed off (its URL stops working)",
           tags=TAGS, responses={204: None})
def revoke_feed():
    services.revoke_token(api_principal())
    return "", 204
