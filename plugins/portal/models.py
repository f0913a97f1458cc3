"""Which clients a portal user may act for.

The kernel's :class:`core.identity.models.PortalUser` links to the one record the user
acts for *now* (its current client); this table lists every client the user was invited
for, so switching is a check against it and nothing else.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TimestampMixin


class PortalAccess(TimestampMixin, Base):
    """A portal user may act for a client."""

    __tablename__ = "portal_access"
    __table_args__ = (UniqueConstraint("portal_user_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    portal_user_id: Mapped[int] = mapped_column(
        ForeignKey("core_portal_user.id", ondelete="CASCADE"), nullable=False, index=True)
    client_id: Mapped[int] = mapped_column(
        ForeignKey("parties_client.id", ondelete="CASCADE"), nullable=False, index=True)
    invited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL"))
