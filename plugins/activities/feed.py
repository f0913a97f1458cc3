"""The iCalendar feed of one user: scheduled activities as events, due tasks as all-day ones.

Built with the ``icalendar`` library so escaping, line folding and time zones are right for
every calendar client. UIDs are stable (``activity-7@host``), so a client that polls the
feed updates events in place instead of duplicating them. The library is imported when a
feed is built, not by every process.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from core.db import utcnow
from core.i18n import force_locale
from core.i18n import gettext as _
from core.identity.models import User
from core.kernel import kontora
from plugins.activities.labels import ACTIVITY_TYPE_LABELS, label
from plugins.activities.links import external_url
from plugins.activities.queries import calendar_items

if TYPE_CHECKING:
    from icalendar import Event

PAST = timedelta(days=90)
FUTURE = timedelta(days=365)
DEFAULT_LENGTH = timedelta(minutes=30)


def build_feed(user: User, *, activities: bool, tasks: bool) -> bytes:
    """The user's calendar from 90 days back to a year ahead, in their language."""
    from icalendar import Calendar

    host = urlsplit(kontora().settings.base_url).hostname or "kontora"
    now = utcnow()
    acts, todo = calendar_items(user.id, now - PAST, now + FUTURE, activities=activities,
                                tasks=tasks)
    cal = Calendar()
    cal.add("prodid", "-//Kontora//activities//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    with force_locale(user.language):
        cal.add("x-wr-calname", _("Kontora: %(name)s", name=user.name))
        for activity in acts:
            cal.add_component(_activity_event(activity, host, now))
        for task in todo:
            cal.add_component(_task_event(task, host, now))
    return cal.to_ical()


def _activity_event(activity, host: str, now: datetime) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", f"activity-{activity.id}@{host}")
    event.add("dtstamp", now.astimezone(UTC))
    event.add("last-modified", activity.updated_at.astimezone(UTC))
    event.add("dtstart", activity.starts_at.astimezone(UTC))
    length = timedelta(minutes=activity.duration_minutes) if activity.duration_minutes \
        else DEFAULT_LENGTH
    event.add("dtend", activity.starts_at.astimezone(UTC) + length)
    event.add("summary", f"{label(ACTIVITY_TYPE_LABELS, activity.type)}: {activity.subject}")
    if activity.location:
        event.add("location", activity.location)
    details = [text for text in (activity.description, activity.outcome) if text]
    if details:
        event.add("description", "\n\n".join(details))
    event.add("status", "CONFIRMED")
    event.add("url", external_url("activities.activity_detail", id=activity.id))
    return event


def _task_event(task, host: str, now: datetime) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", f"task-{task.id}@{host}")
    event.add("dtstamp", now.astimezone(UTC))
    event.add("last-modified", task.updated_at.astimezone(UTC))
    event.add("dtstart", task.due_on)
    event.add("dtend", task.due_on + timedelta(days=1))
    event.add("summary", _("Task due: %(title)s", title=task.title))
    if task.description:
        event.add("description", task.description)
    event.add("transp", "TRANSPARENT")
    event.add("url", external_url("activities.task_detail", id=task.id))
    return event
