"""The kernel's job tables: the outbox and the claims of periodic slots."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TimestampMixin, utcnow

PENDING = "pending"  # waiting to run (inline) or to be handed to Redis
RUNNING = "running"  # claimed by a process; ``available_at`` is when its lease runs out
FAILED = "failed"  # gave up after its retries; ``kontora jobs retry`` runs it again


class JobOutbox(TimestampMixin, Base):
    """A job enqueued inside a transaction, written in that same transaction.

    A row lives until the job has run (inline mode) or has been handed to RQ (Redis mode),
    so a crash or a Redis outage between commit and dispatch loses nothing.
    """

    __tablename__ = "core_job_outbox"
    __table_args__ = (Index("ix_core_job_outbox_due", "status", "available_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), nullable=False)
    kwargs: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    available_at: Mapped[datetime] = mapped_column(nullable=False, default=utcnow)


class PeriodicSlot(Base):
    """One run of a periodic job at one scheduled time, claimed by exactly one process.

    The unique ``(job, slot)`` pair is what makes several workers or cron lines on several
    machines run each slot once: the second insert fails and that process skips the slot.
    """

    __tablename__ = "core_job_slot"
    __table_args__ = (UniqueConstraint("job", "slot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(128), nullable=False)
    slot: Mapped[datetime] = mapped_column(nullable=False)
    claimed_at: Mapped[datetime] = mapped_column(nullable=False, default=utcnow)
    claimed_by: Mapped[str] = mapped_column(String(200), nullable=False)
