"""The calendar feed: a token-protected iCalendar URL a calendar client can parse, revocable."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar

from core.db import session
from core.kernel import kontora
from plugins.activities.models import CalendarToken
from tests.core.web.conftest import sign_in

__all__ = ["sign_in"]

ALL = ["activities.read", "activities.write", "tasks.read", "tasks.write", "tasks.assign"]


def feed_url(page: str) -> str:
    url = re.search(r'value="(http[^"]+\.ics)"', page).group(1)
    return url[url.index("/activities/"):]


def test_the_feed_holds_scheduled_activities_and_due_tasks(app, sign_in):
    ann = sign_in("ann", ALL)
    bob = sign_in("bob", ALL)
    soon = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    due = date.today() + timedelta(days=5)
    assert ann.post("/activities/compose", {
        "type": "meeting", "status": "scheduled", "subject": "Contract review",
        "starts_at": soon.isoformat(), "duration_minutes": "45", "location": "Cluj office",
        "participant_user": str(bob.user_id)}).status_code == 302
    ann.post("/activities/compose", {"type": "call", "status": "scheduled",
                                     "subject": "Someone else's", "starts_at": soon.isoformat()})
    ann.post("/activities/tasks/compose", {"title": "Send the offer", "priority": "high",
                                           "due_on": due.isoformat(),
                                           "assignee_id": str(bob.user_id)})
    page = bob.post("/activities/calendar/token").get_data(as_text=True)
    url = feed_url(page)
    response = app.test_client().get(url)  # a calendar client: no session
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.data)
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"Meeting: Contract review", "Task due: Send the offer"}
    meeting = events["Meeting: Contract review"]
    assert meeting.decoded("dtstart") == soon
    assert meeting.decoded("dtend") - meeting.decoded("dtstart") == timedelta(minutes=45)
    assert str(meeting["location"]) == "Cluj office"
    assert str(meeting["uid"]).startswith("activity-")
    task = events["Task due: Send the offer"]
    assert task.decoded("dtstart") == due
    # The token is kept only as its SHA-256.
    with app.app_context(), kontora(app).db.unit():
        stored = session().query(CalendarToken).one()
        assert url.rsplit("/", 1)[1].removesuffix(".ics") not in stored.token_hash
        assert stored.last_used_at is not None


def test_a_revoked_or_replaced_token_stops_working(app, sign_in):
    ann = sign_in("ann", ALL)
    first = feed_url(ann.post("/activities/calendar/token").get_data(as_text=True))
    calendar_client = app.test_client()
    assert calendar_client.get(first).status_code == 200
    second = feed_url(ann.post("/activities/calendar/token").get_data(as_text=True))
    assert calendar_client.get(first).status_code == 404
    assert calendar_client.get(second).status_code == 200
    page = ann.get("/activities/calendar").get_data(as_text=True)
    assert "data-calendar-url" not in page  # shown only once
    ann.post("/activities/calendar/revoke")
    assert calendar_client.get(second).status_code == 404
    assert calendar_client.get("/activities/calendar/made-up-token.ics").status_code == 404


def test_the_feed_is_rate_limited(app, sign_in):
    ann = sign_in("ann", ALL)
    url = feed_url(ann.post("/activities/calendar/token").get_data(as_text=True))
    client = app.test_client()
    codes = [client.get(url).status_code for _ in range(31)]
    assert codes[:30] == [200] * 30 and codes[30] == 429
