"""What happened to an offer on the client's side and in sending: the offer's own log.

Sent, opened by the client (first time per revision), accepted, declined, expired. Shown
on the offer page ("opened on ...") beside the audit trail, which records staff changes.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, utcnow

EVENT_KINDS = ("sent", "viewed", "accepted", "declined", "expired", "cancelled", "revised")


class OfferEvent(Base):
    __tablename__ = "offers_offer_event"
    __table_args__ = (Index("ix_offers_offer_event_offer", "offer_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(
        ForeignKey("offers_offer.id", ondelete="CASCADE"), nullable=False)
    event: Mapped[str] = mapped_column(String(12), nullable=False)
    at: Mapped[datetime] = mapped_column(default=utcnow, nullable=False)
    revision: Mapped[int] = mapped_column(Integer, nullable=False)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL"))
    comment: Mapped[str | None] = mapped_column(Text)
