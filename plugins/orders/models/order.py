"""An order, its lines and the totals kept on it for lists and sorting."""

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

SEARCHED = ("number", "reference", "notes")
"""The columns folded into ``search_text``: the order list's search box and the global search
match them regardless of case and diacritics."""


class Order(SearchTextMixin, TimestampMixin, AuthorshipMixin, OwnerMixin, VersionMixin, Base):
    """An order of client ``party_id`` in ``currency``.

    ``number`` comes from the numbering series ``orders`` when the order is confirmed
    (drafts and orders awaiting the client have none). ``status`` is a built-in status or
    the code of an admin-defined one (:class:`OrderStatus`), so it carries no CHECK
    constraint; the services are the only writers. The totals repeat what the lines add up
    to, so lists can sort and filter on them.
    """

    __tablename__ = "orders_order"
    __search_fields__ = SEARCHED
    __table_args__ = (
        Index("ix_orders_order_created", "created_at", "id"),
        Index("ix_orders_order_total", "total_gross", "id"),
        Index("ix_orders_order_delivery", "delivery_date", "id"),
        trigram_index("orders_order", "search_text"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(30), nullable=False, default="draft", index=True)
    party_id: Mapped[int] = mapped_column(
        ForeignKey("parties_client.id", ondelete="RESTRICT"), nullable=False, index=True)
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("parties_contact.id", ondelete="SET NULL"), index=True)
    """The client's contact person the order is addressed to (the mail goes to them)."""
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    delivery_date: Mapped[date | None] = mapped_column(Date)
    reference: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    total_net: Mapped[Decimal] = mapped_column(Money(), nullable=False, default=Decimal(0))
    total_vat: Mapped[Decimal] = mapped_column(Money(), nullable=False, default=Decimal(0))
    total_gross: Mapped[Decimal] = mapped_column(Money(), nullable=False, default=Decimal(0))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    party: Mapped[Client] = relationship(lazy="joined", viewonly=True)
    owner: Mapped[User | None] = relationship(
        primaryjoin="User.id == foreign(Order.owner_id)", viewonly=True, lazy="joined")
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.position",
        lazy="selectin")

    @property
    def title(self) -> str:
        """How people name the order: its number, or "Order #7" before it has one."""

        return self.number or _("Order #%(id)s", id=self.id)


class OrderLine(Base):
    """One line: ``quantity`` x ``unit_price`` less ``discount`` percent is ``net``;
    ``vat_rate`` is a percentage. ``product_id`` is empty for a free-text line."""

    __tablename__ = "orders_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(
        ForeignKey("orders_order.id", ondelete="CASCADE"), nullable=False, index=True)
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

    order: Mapped[Order] = relationship(back_populates="lines")
