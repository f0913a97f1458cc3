"""Reading outgoing mail: the staff list (newest first, paged by id) and a record's mails."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import String, cast, or_, select

from core.db import session
from core.mail.models import MailMessage

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
PANEL_LIMIT = 50


@dataclass(frozen=True)
class MailFilters:
    """What the staff list and ``GET /api/v1/mail`` filter on; all optional."""

    status: str | None = None
    record_kind: str | None = None
    record_id: int | None = None
    search: str | None = None  # in recipients and subject, case-insensitive
    before_id: int | None = None  # the page after the row with this id


def list_messages(filters: MailFilters, limit: int = PAGE_SIZE) -> tuple[list[MailMessage],
                                                                         int | None]:
    """A page of messages and the ``before_id`` of the next page (None on the last)."""
    stmt = select(MailMessage).order_by(MailMessage.id.desc()).limit(limit + 1)
    if filters.status:
        stmt = stmt.where(MailMessage.status == filters.status)
    if filters.record_kind:
        stmt = stmt.where(MailMessage.record_kind == filters.record_kind)
    if filters.record_id is not None:
        stmt = stmt.where(MailMessage.record_id == filters.record_id)
    if filters.before_id is not None:
        stmt = stmt.where(MailMessage.id < filters.before_id)
    for word in (filters.search or "").split():
        literal = word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{literal}%"
        stmt = stmt.where(or_(MailMessage.subject.ilike(pattern, escape="\\"),
                              cast(MailMessage.recipients, String).ilike(pattern, escape="\\")))
    rows = list(session().scalars(stmt))
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].id if more else None)


def messages_about(kind: str, record_id: int, limit: int = PANEL_LIMIT) -> list[MailMessage]:
    """The newest mails about one record."""
    return list(session().scalars(
        select(MailMessage)
        .where(MailMessage.record_kind == kind, MailMessage.record_id == record_id)
        .order_by(MailMessage.id.desc()).limit(limit)))
