"""In-app notifications: the service other code calls, and the reads the bell needs.

``notify`` joins the caller's unit of work, so a notification about a fact exists exactly
when the fact was committed. Each user only ever reads and marks their own.
"""

from __future__ import annotations

from sqlalchemy import func, select, update

from core.db import session, utcnow
from core.errors import NotFound
from core.i18n import gettext as _
from core.web.models import Notification

MAX_MESSAGE = 500
PAGE_SIZE = 50


def notify(user_id: int, message: str, link: str | None = None) -> Notification:
    """Leave ``message`` for staff user ``user_id``; ``link`` is where clicking it leads.

    ``link`` must be a path on this site (``/offers/7``) or an http(s) URL. Long messages
    are shortened to fit.
    """
    site_path = link is not None and link.startswith("/") and not link.startswith("//")
    if link is not None and not (site_path or link.startswith(("http://", "https://"))):
        raise ValueError(f"notification link must be a site path or http(s) URL: {link!r}")
    text = message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"
    note = Notification(user_id=user_id, message=text, link=link)
    session().add(note)
    session().flush()
    return note


def unread_count(user_id: int) -> int:
    stmt = select(func.count()).where(Notification.user_id == user_id,
                                      Notification.read_at.is_(None))
    return int(session().scalar(stmt) or 0)


def recent(user_id: int, *, before_id: int | None = None,
           limit: int = PAGE_SIZE) -> list[Notification]:
    """The user's notifications, newest first, ``limit`` of them older than ``before_id``."""
    stmt = select(Notification).where(Notification.user_id == user_id)
    if before_id is not None:
        stmt = stmt.where(Notification.id < before_id)
    return list(session().scalars(stmt.order_by(Notification.id.desc()).limit(limit)))


def mark_read(user_id: int, notification_id: int) -> Notification:
    """Mark one of the user's notifications read; another user's is not found."""
    note = session().get(Notification, notification_id)
    if note is None or note.user_id != user_id:
        raise NotFound(_("There is no such notification."))
    if note.read_at is None:
        note.read_at = utcnow()
    return note


def mark_all_read(user_id: int) -> int:
    """Mark every unread notification of the user read; returns how many were."""
    result = session().execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    return int(result.rowcount or 0)
