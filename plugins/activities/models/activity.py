"""An activity: a call, e-mail, meeting or other contact, logged or scheduled."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import AuthorshipMixin, Base, OwnerMixin, TimestampMixin, VersionMixin
from core.db.indexes import trigram_index
from core.identity.models import User
from plugins.activities.models.common import LINK_PAIRED, OptionalRecordLink, one_of

ACTIVITY_TYPES = ("call", "email", "meeting", "other")
ACTIVITY_STATUSES = ("scheduled", "done", "cancelled")
"""``done`` is a logged activity (it happened, with its outcome); ``scheduled`` one to come."""
SEARCHED = ("subject", "location", "description", "outcome")
"""The columns the list's search box matches with ``ILIKE '%word%'`` (``kinds.py``)."""


class Activity(OptionalRecordLink, TimestampMixin, AuthorshipMixin, OwnerMixin, VersionMixin,
               Base):
    """A contact with someone, on a record (``record_kind``, ``record_id``) or standalone.

    ``starts_at`` is when it happened or will happen (UTC); the owner is who logged or
    organised it, so record rules apply as to any owned record.
    """

    __tablename__ = "activities_activity"
    __table_args__ = (
        Index("ix_activities_activity_record", "record_kind", "record_id"),
        Index("ix_activities_activity_starts_at", "starts_at", "id"),
        # Keyset pages need an index on each sortable column plus id (core.listing).
        Index("ix_activities_activity_subject_id", "subject", "id"),
        Index("ix_activities_activity_status_id", "status", "id"),
        *(trigram_index("activities_activity", c) for c in SEARCHED),
        CheckConstraint(one_of("type", ACTIVITY_TYPES), name="type"),
        CheckConstraint(one_of("status", ACTIVITY_STATUSES), name="status"),
        CheckConstraint(LINK_PAIRED, name="record_link"),
        CheckConstraint("duration_minutes IS NULL OR duration_minutes > 0", name="duration"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(10), nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False)
    subject: Mapped[str] = mapped_column(String(200), nullable=False)
    starts_at: Mapped[datetime] = mapped_column(nullable=False)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    location: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None]

    participants: Mapped[list[Participant]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", order_by="Participant.id",
        lazy="selectin")
    owner: Mapped[User | None] = relationship(
        primaryjoin="User.id == foreign(Activity.owner_id)", viewonly=True, lazy="joined")


class Participant(Base):
    """Who takes part: a staff user, or someone outside named in free text."""

    __tablename__ = "activities_participant"
    __table_args__ = (
        CheckConstraint("user_id IS NOT NULL OR name IS NOT NULL", name="who"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities_activity.id", ondelete="CASCADE"), nullable=False, index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))

    activity: Mapped[Activity] = relationship(back_populates="participants")
    user: Mapped[User | None] = relationship(lazy="joined")

    @property
    def label(self) -> str:
        if self.user is not None:
            return self.user.name
        return f"{self.name} <{self.email}>" if self.email else str(self.name)
