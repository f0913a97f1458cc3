"""Imported bank statements and their lines, each line booked at most once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import AuthorshipMixin, Base, Money, TimestampMixin

LINE_STATES = ("matched", "ambiguous", "unmatched", "settled", "ignored", "outgoing")
"""``matched`` booked by the import, ``settled`` booked by hand on the review screen,
``ambiguous`` (several invoices fit) and ``unmatched`` wait for review, ``ignored`` was
set aside by hand, ``outgoing`` is money paid out (not a receivable)."""


class Statement(TimestampMixin, AuthorshipMixin, Base):
    """Statement ``reference`` of bank account ``account`` (an IBAN), as imported from a
    ``format`` file (``camt.053``, ``camt.052``, ``camt.054``, ``mt940``)."""

    __tablename__ = "payments_statement"
    __table_args__ = (
        UniqueConstraint("account", "reference", name="uq_payments_statement_reference"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    format: Mapped[str] = mapped_column(String(10), nullable=False)
    reference: Mapped[str] = mapped_column(String(100), nullable=False)
    account: Mapped[str] = mapped_column(String(40), nullable=False)
    filename: Mapped[str | None] = mapped_column(String(255))

    lines: Mapped[list[StatementLine]] = relationship(
        back_populates="statement", order_by="StatementLine.id", lazy="selectin")

    @property
    def title(self) -> str:
        return f"{self.account} {self.reference}"


class StatementLine(Base):
    """One movement of a statement. ``fingerprint`` is unique per account: the same
    movement in a re-imported file, or repeated by a later report, is never booked again."""

    __tablename__ = "payments_statement_line"
    __table_args__ = (
        UniqueConstraint("account", "fingerprint", name="uq_payments_statement_line"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("payments_statement.id", ondelete="CASCADE"), nullable=False, index=True)
    account: Mapped[str] = mapped_column(String(40), nullable=False)
    fingerprint: Mapped[str] = mapped_column(String(64), nullable=False)
    booked_on: Mapped[date] = mapped_column(Date, nullable=False)
    amount: Mapped[Decimal] = mapped_column(Money(), nullable=False)
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    credit: Mapped[bool] = mapped_column(Boolean, nullable=False)
    remittance: Mapped[str | None] = mapped_column(Text)
    counterparty_name: Mapped[str | None] = mapped_column(String(200))
    counterparty_iban: Mapped[str | None] = mapped_column(String(40))
    bank_reference: Mapped[str | None] = mapped_column(String(140))
    state: Mapped[str] = mapped_column(String(12), nullable=False, index=True)
    party_id: Mapped[int | None] = mapped_column(
        ForeignKey("parties_client.id", ondelete="SET NULL"))
    candidates: Mapped[str | None] = mapped_column(String(400))
    """Ids of the invoices that fit an ambiguous line, comma-separated."""
    payment_id: Mapped[int | None] = mapped_column(
        ForeignKey("payments_payment.id", ondelete="SET NULL"))

    statement: Mapped[Statement] = relationship(back_populates="lines")
