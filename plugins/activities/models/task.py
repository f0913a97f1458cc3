"""A task: the next step on a record (or standalone), assigned to one member of staff."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, synonym

from core.db import AuthorshipMixin, Base, OwnerMixin, TimestampMixin, VersionMixin
from core.identity.models import User
from plugins.activities.models.common import LINK_PAIRED, OptionalRecordLink, one_of

TASK_STATUSES = ("open", "in_progress", "done", "cancelled")
OPEN_STATUSES = ("open", "in_progress")
"""A task in one of these is a next step still to take."""
PRIORITIES = ("low", "normal", "high", "urgent")


class Task(OptionalRecordLink, TimestampMixin, AuthorshipMixin, OwnerMixin, VersionMixin, Base):
    """A task; its assignee is its owner, so record rules show it to whoever must do it.

    ``assignee_id`` is a synonym of ``owner_id``. The status moves only along the
    transitions of :mod:`plugins.activities.workflow`.
    """

    __tablename__ = "activities_task"
    __table_args__ = (
        Index("ix_activities_task_record", "record_kind", "record_id", "status"),
        Index("ix_activities_task_owner_status_due", "owner_id", "status", "due_on"),
        Index("ix_activities_task_status_due", "status", "due_on", "id"),
        CheckConstraint(one_of("status", TASK_STATUSES), name="status"),
        CheckConstraint(one_of("priority", PRIORITIES), name="priority"),
        CheckConstraint(LINK_PAIRED, name="record_link"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    due_on: Mapped[date | None]
    priority: Mapped[str] = mapped_column(String(10), nullable=False, default="normal")
    status: Mapped[str] = mapped_column(String(12), nullable=False, default="open")
    completed_at: Mapped[datetime | None]

    assignee_id = synonym("owner_id")
    assignee: Mapped[User | None] = relationship(
        primaryjoin="User.id == foreign(Task.owner_id)", viewonly=True, lazy="joined")

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def overdue_on(self, today: date) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < today
