"""The client-link table: what each link may do, until when, and whether it was used.

Only the SHA-256 of a token is stored, so a database leak gives no working link; the row
makes a link revocable and single use enforceable, which a signature alone cannot.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, RecordLinkMixin


class ClientLink(RecordLinkMixin, Base):
    """A signed link that lets someone act on one record without signing in."""

    __tablename__ = "core_client_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    purpose: Mapped[str] = mapped_column(String(64), nullable=False)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    single_use: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(nullable=False)
    expires_at: Mapped[datetime] = mapped_column(nullable=False)
    used_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()
    first_opened_at: Mapped[datetime | None] = mapped_column()
    last_opened_at: Mapped[datetime | None] = mapped_column()
    open_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL"))
