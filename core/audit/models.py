"""The audit log: one append-only row per change of a record."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, RecordLinkMixin, utcnow

ACTIONS = ("create", "update", "status", "delete", "convert", "merge")


class AuditEntry(RecordLinkMixin, Base):
    """Who changed which record when, and each changed field's value before and after.

    ``changes`` is ``{field: [before, after]}`` with values as JSON (decimals and dates as
    text). ``actor_name`` keeps the name at the time, so the trail reads right after a
    rename. Rows are never updated or deleted; on PostgreSQL a trigger enforces it.
    """

    __tablename__ = "core_audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, nullable=False)
    action: Mapped[str] = mapped_column(String(16), nullable=False)
    actor_kind: Mapped[str] = mapped_column(String(16), nullable=False)  # staff/portal/system
    actor_id: Mapped[int | None] = mapped_column(Integer)  # no FK: the log outlives accounts
    actor_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)

    # UPDATE and DELETE are refused by a PostgreSQL trigger made in the kernel migrations.
    __table_args__ = (
        Index("ix_core_audit_record", "record_kind", "record_id"),
        Index("ix_core_audit_at", "at"),
        Index("ix_core_audit_actor", "actor_kind", "actor_id"),
    )

