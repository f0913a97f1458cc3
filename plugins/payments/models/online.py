"""Card payments online: a checkout per attempt and the provider events already handled."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, Money, TimestampMixin, UTCDateTime
from core.db.types import utcnow


class Checkout(TimestampMixin, Base):
    """One attempt to pay record ``(record_kind, record_id)`` online through ``provider``.

    ``token`` names it in the client's addresses and in the provider's metadata;
    ``external_id`` is the provider's payment (a Stripe payment intent), unique per
    provider. ``payment_id`` is set once, when the provider confirms: a second
    confirmation finds it and books nothing. ``session_url`` is the provider's page made
    for it, kept so a second click on "Pay" sends the client to the same page instead of
    opening another session.
    """

    __tablename__ = "payments_checkout"
    __table_args__ = (
        UniqueConstraint("provider", "external_id", name="uq_payments_checkout_external"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    provider: Mapped[str] = mapped_column(String(20), nullable=False)
    external_id: Mapped[str | None] = mapped_column(String(255))
    record_kind: Mapped[str] = mapped_column(String(64), nullable=False)
    record_id: Mapped[int] = mapped_column(Integer, nullable=False)
    party_id: Mapped[int] = mapped_column(
        ForeignKey("parties_client.id", ondelete="RESTRICT"), nullable=False, index=True)
    amount: Mapped[Decimal] = mapped_column(Money(), nullable=False)
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open")
    payment_id: Mapped[int | None] = mapped_column(
        ForeignKey("payments_payment.id", ondelete="SET NULL"))
    session_url: Mapped[str | None] = mapped_column(String(2048))


class ProviderEvent(Base):
    """A webhook event of ``provider`` already handled: the same event again is a no-op."""

    __tablename__ = "payments_provider_event"
    __table_args__ = (
        UniqueConstraint("provider", "event_id", name="uq_payments_provider_event"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(20), nullable=False)
    event_id: Mapped[str] = mapped_column(String(255), nullable=False)
    event_type: Mapped[str] = mapped_column(String(100), nullable=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
