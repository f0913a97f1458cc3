"""A payment received from a client and how it is allocated to the documents it settles."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import (
    AuthorshipMixin,
    Base,
    Money,
    OwnerMixin,
    SearchTextMixin,
    TimestampMixin,
    VersionMixin,
)
from core.db.indexes import trigram_index
from core.i18n import gettext as _
from plugins.parties.models import Client

SEARCHED = ("receipt_number", "reference", "notes")
"""The columns folded into ``search_text``: the payment list's search box and the global
search match them regardless of case and diacritics, the receipt number (its title) first."""


class Payment(SearchTextMixin, TimestampMixin, AuthorshipMixin, OwnerMixin, VersionMixin, Base):
    """``amount`` in ``currency`` received from client ``party_id`` on ``paid_on``.

    ``method`` says how (``transfer``, ``cash``, ``pos``, ``card``, ``manual``);
    ``reference`` is the transfer's reference, the POS transaction or the provider's
    payment. A cash payment of a legal entity carries ``receipt_number`` from the gap-free
    series ``cash_receipts``. ``(provider, external_id)`` is unique: a provider's payment
    is booked once however often it is confirmed. What is not allocated is the client's
    credit; nothing here is typed by hand but the payment itself.
    """

    __tablename__ = "payments_payment"
    __search_fields__ = SEARCHED
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        UniqueConstraint("provider", "external_id", name="uq_payments_payment_external"),
        Index("ix_payments_payment_paid_on", "paid_on", "id"),
        trigram_index("payments_payment", "search_text"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(
        ForeignKey("parties_client.id", ondelete="RESTRICT"), nullable=False, index=True)
    method: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    amount: Mapped[Decimal] = mapped_column(Money(), nullable=False)
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    paid_on: Mapped[date] = mapped_column(Date, nullable=False)
    reference: Mapped[str | None] = mapped_column(String(140))
    receipt_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    provider: Mapped[str | None] = mapped_column(String(20))
    external_id: Mapped[str | None] = mapped_column(String(255))
    notes: Mapped[str | None] = mapped_column(Text)

    party: Mapped[Client] = relationship(lazy="joined", viewonly=True)
    allocations: Mapped[list[Allocation]] = relationship(
        back_populates="payment", cascade="all, delete-orphan", order_by="Allocation.id",
        lazy="selectin")

    @property
    def title(self) -> str:
        return self.receipt_number or _("Payment #%(id)s", id=self.id)

    @property
    def allocated(self) -> Decimal:
        return sum((a.amount for a in self.allocations), Decimal("0.00"))

    @property
    def unallocated(self) -> Decimal:
        """What is left of the payment: the client's credit."""
        return self.amount - self.allocated


class Allocation(Base):
    """``amount`` of payment ``payment_id`` settling record ``(record_kind, record_id)``.

    The record is named by kind (``invoicing.invoice``), read through the kernel's
    ``kontora_open_amount``; one payment settles several records, one record is settled
    by several payments.
    """

    __tablename__ = "payments_allocation"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        UniqueConstraint("payment_id", "record_kind", "record_id",
                         name="uq_payments_allocation_record"),
        Index("ix_payments_allocation_record", "record_kind", "record_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(
        ForeignKey("payments_payment.id", ondelete="CASCADE"), nullable=False, index=True)
    record_kind: Mapped[str] = mapped_column(String(64), nullable=False)
    record_id: Mapped[int] = mapped_column(Integer, nullable=False)
    amount: Mapped[Decimal] = mapped_column(Money(), nullable=False)

    payment: Mapped[Payment] = relationship(back_populates="allocations")
