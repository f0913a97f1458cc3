"""Column sets many models share: timestamps, authorship, owner, version, generic links."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from core.db.types import utcnow


class TimestampMixin:
    """``created_at`` and ``updated_at``, set by the ORM in UTC."""

    created_at: Mapped[datetime] = mapped_column(default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, nullable=False)


class AuthorshipMixin:
    """Who created and who last changed the row (staff users)."""

    @declared_attr
    def created_by_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("core_user.id", ondelete="SET NULL"), nullable=True)

    @declared_attr
    def updated_by_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("core_user.id", ondelete="SET NULL"), nullable=True)


class OwnerMixin:
    """The responsible user; record rules filter on it (own / team / all)."""

    @declared_attr
    def owner_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("core_user.id", ondelete="SET NULL"), nullable=True,
                             index=True)


class VersionMixin:
    """Optimistic concurrency: a stale update raises ``StaleDataError`` (API answers 409)."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.version}


class RecordLinkMixin:
    """A link to any record as ``(record_kind, record_id)``, e.g. ``("offers.offer", 42)``.

    Kernel tables that attach to any record (comments, attachments, audit, document chains)
    use it; the pair is indexed because every timeline reads by it.
    """

    record_kind: Mapped[str] = mapped_column(String(64), nullable=False)
    record_id: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __table_args__(cls) -> tuple:
        return (Index(f"ix_{cls.__tablename__}_record", "record_kind", "record_id"),)
