"""The recorded chain of documents: which record was converted into which."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base
from core.db.types import utcnow


class DocumentLink(Base):
    """``source`` was converted into ``target`` (offer #4 -> order #9), by whom and when."""

    __tablename__ = "core_document_link"
    __table_args__ = (
        Index("ix_core_document_link_source", "source_kind", "source_id", "target_kind"),
        Index("ix_core_document_link_target", "target_kind", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_kind: Mapped[str] = mapped_column(String(64), nullable=False)
    source_id: Mapped[int] = mapped_column(Integer, nullable=False)
    target_kind: Mapped[str] = mapped_column(String(64), nullable=False)
    target_id: Mapped[int] = mapped_column(Integer, nullable=False)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, nullable=False)
