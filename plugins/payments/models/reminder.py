"""The overdue reminders already sent: one per document and schedule step."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, UTCDateTime
from core.db.types import utcnow


class ReminderSent(Base):
    """Reminder step ``step`` (days after the due date; negative: before) of record
    ``(record_kind, record_id)`` went to ``sent_to``. Unique per step, so neither a second
    run nor a second worker reminds twice."""

    __tablename__ = "payments_reminder"
    __table_args__ = (
        UniqueConstraint("record_kind", "record_id", "step", name="uq_payments_reminder_step"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    record_kind: Mapped[str] = mapped_column(String(64), nullable=False)
    record_id: Mapped[int] = mapped_column(Integer, nullable=False)
    step: Mapped[int] = mapped_column(Integer, nullable=False)
    sent_to: Mapped[str] = mapped_column(String(254), nullable=False)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
