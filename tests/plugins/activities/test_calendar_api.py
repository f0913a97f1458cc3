"""One's calendar feed through the API: the page's services, the URL shown once and kept
only as a hash, the old URL dead after a new one or a revoke, and no feed without
``activities.read``."""

from __future__ import annotations

from sqlalchemy import select

from core.db import session
from core.kernel import kontora
from plugins.activities.models import CalendarToken
from plugins.activities.services.calendar import digest
from tests.core.api.support import bearer, make_user

FEED = "/api/v1/activities/calendar-feed"


def _path(url: str) -> str:
    return url[url.index("/activities/"):]


def test_a_feed_is_made_shown_once_replaced_and_revoked(app):
    with app.app_context(), kontora(app).db.unit():
        ann = make_user("ann", ["activities.read", "tasks.read"])
        headers, ann_id = bearer(ann), ann.id
    api = app.test_client()
    assert api.get(FEED, headers=headers).get_json() == {"active": False, "last_used_at": None}
    made = api.post(FEED, headers=headers)
    assert made.status_code == 201 and made.headers["Cache-Control"] == "no-store"
    first = made.get_json()["url"]
    token = first.rsplit("/", 1)[1].removesuffix(".ics")
    with app.app_context(), kontora(app).db.unit():
        row = session().scalar(select(CalendarToken).where(CalendarToken.user_id == ann_id))
        assert row.token_hash == digest(token) and token not in row.token_hash
    assert api.get(_path(first)).status_code == 200
    status = api.get(FEED, headers=headers).get_json()
    assert status["active"] is True and status["last_used_at"] is not None

    second = api.post(FEED, headers=headers).get_json()["url"]
    assert second != first and api.get(_path(first)).status_code == 404
    assert api.delete(FEED, headers=headers).status_code == 204
    assert api.get(_path(second)).status_code == 404
    assert api.get(FEED, headers=headers).get_json()["active"] is False
    assert api.delete(FEED, headers=headers).status_code == 204  # already off


def test_no_feed_without_reading_activities(app):
    with app.app_context(), kontora(app).db.unit():
        headers = bearer(make_user("clerk", ["tasks.read"]))
    api = app.test_client()
    for answer in (api.get(FEED, headers=headers), api.post(FEED, headers=headers),
                   api.delete(FEED, headers=headers)):
        assert answer.status_code == 403
