"""The audit log: who changed which record when, field by field; append-only.

Entries are written by :mod:`core.audit.capture` on every flush of a registered record
kind, so plugins get them for free. Read them with :func:`trail` (one record) and
:func:`entries` (the admin page's filters).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from core.audit.capture import set_actor
from core.audit.models import ACTIONS, AuditEntry
from core.db import session


def trail(kind: str, record_id: int, limit: int = 200) -> list[AuditEntry]:
    """The entries of one record, newest first."""
    return list(session().scalars(
        select(AuditEntry)
        .where(AuditEntry.record_kind == kind, AuditEntry.record_id == record_id)
        .order_by(AuditEntry.id.desc()).limit(limit)))


def entries(*, user_id: int | None = None, kind: str | None = None, action: str | None = None,
            since: datetime | None = None, until: datetime | None = None,
            before_id: int | None = None, limit: int = 100) -> list[AuditEntry]:
    """Entries matching every filter given, newest first; ``before_id`` pages backwards."""
    stmt = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if user_id is not None:
        stmt = stmt.where(AuditEntry.actor_kind == "staff", AuditEntry.actor_id == user_id)
    if kind:
        stmt = stmt.where(AuditEntry.record_kind == kind)
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    if since is not None:
        stmt = stmt.where(AuditEntry.at >= since)
    if until is not None:
        stmt = stmt.where(AuditEntry.at < until)
    if before_id is not None:
        stmt = stmt.where(AuditEntry.id < before_id)
    return list(session().scalars(stmt))


__all__ = ["ACTIONS", "AuditEntry", "entries", "set_actor", "trail"]
