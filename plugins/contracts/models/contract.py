"""A contract with a client, its lines and the dates the register watches."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import (
    AuthorshipMixin,
    Base,
    Money,
    OwnerMixin,
    Quantity,
    SearchTextMixin,
    TimestampMixin,
    UTCDateTime,
    VersionMixin,
)
from core.db.indexes import trigram_index
from core.i18n import gettext as _
from core.identity.models import User
from plugins.parties.models import Client

SEARCHED = ("title", "number", "reference", "notes")
"""The columns folded into ``search_text``: the contract list's search box and the global search
match them regardless of case and diacritics, the title first for ranking."""


class Contract(SearchTextMixin, TimestampMixin, AuthorshipMixin, OwnerMixin,
               VersionMixin, Base):
    """A contract of client ``party_id`` worth ``value`` ``currency``, from ``start_date``
    to ``end_date`` (open-ended without one).

    ``number`` comes from the series ``contracts`` when the contract is issued (sent for
    signature or signed on paper); drafts have none. ``template`` names the document
    template the PDF is rendered with (admins may keep several per language).
    """

    __tablename__ = "contracts_contract"
    __search_fields__ = SEARCHED
    __table_args__ = (
        Index("ix_contracts_contract_created", "created_at", "id"),
        Index("ix_contracts_contract_end", "end_date", "id"),
        Index("ix_contracts_contract_value", "value", "id"),
        trigram_index("contracts_contract", "search_text"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="draft", index=True)
    party_id: Mapped[int] = mapped_column(
        ForeignKey("parties_client.id", ondelete="RESTRICT"), nullable=False, index=True)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    value: Mapped[Decimal] = mapped_column(Money(), nullable=False, default=Decimal(0))
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    template: Mapped[str] = mapped_column(String(64), nullable=False, default="default")
    reference: Mapped[str | None] = mapped_column(String(200))
    terms: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    countersigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    party: Mapped[Client] = relationship(lazy="joined", viewonly=True)
    owner: Mapped[User | None] = relationship(
        primaryjoin="User.id == foreign(Contract.owner_id)", viewonly=True, lazy="joined")
    lines: Mapped[list[ContractLine]] = relationship(
        back_populates="contract", cascade="all, delete-orphan",
        order_by="ContractLine.position", lazy="selectin")

    @property
    def label(self) -> str:
        """How people name the contract: its number, or "Contract #7" before it has one."""
        return self.number or _("Contract #%(id)s", id=self.id)


class ContractLine(Base):
    """What the contract covers, copied from the source offer or order or typed in."""

    __tablename__ = "contracts_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contracts_contract.id", ondelete="CASCADE"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("catalog_product.id", ondelete="SET NULL"), index=True)
    description: Mapped[str] = mapped_column(String(500), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    unit: Mapped[str | None] = mapped_column(String(20))
    unit_price: Mapped[Decimal] = mapped_column(Money(4), nullable=False)
    discount: Mapped[Decimal] = mapped_column(Quantity(2), nullable=False, default=Decimal(0))
    vat_rate: Mapped[Decimal] = mapped_column(Quantity(2), nullable=False)
    net: Mapped[Decimal] = mapped_column(Money(), nullable=False)

    contract: Mapped[Contract] = relationship(back_populates="lines")
