"""A user's calendar-feed token, kept only as its SHA-256."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TimestampMixin


class CalendarToken(TimestampMixin, Base):
    """The secret in one user's iCalendar URL; regenerating replaces it, revoking deletes it."""

    __tablename__ = "activities_calendar_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_user.id", ondelete="CASCADE"),
                                         nullable=False, unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    last_used_at: Mapped[datetime | None]
