"""A message of an order's client thread: the client's questions and the staff's answers.

The words and files are a comment on the order's timeline (``activities``' note and
attachments: size-limited, type-checked, stored outside the web root), so staff read them
where they read everything else about the order. This row marks which comments the client
sees and wrote, and holds the form's one-time ``token`` so a double submit posts once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, utcnow
from plugins.activities.models import Note


class OrderMessage(Base):
    """One message in the thread of order ``order_id``; ``from_client`` says who wrote it
    (``portal_user_id`` then, else the staff user who is the note's author)."""

    __tablename__ = "orders_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(
        ForeignKey("orders_order.id", ondelete="CASCADE"), nullable=False, index=True)
    note_id: Mapped[int] = mapped_column(
        ForeignKey("activities_note.id", ondelete="CASCADE"), nullable=False, unique=True)
    from_client: Mapped[bool] = mapped_column(Boolean, nullable=False)
    portal_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_portal_user.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(200), nullable=False)
    token: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, nullable=False)

    note: Mapped[Note] = relationship(lazy="joined")
