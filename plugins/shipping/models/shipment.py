"""A shipment of (part of) an order, the goods it carries and the packages they fill."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import (
    AuthorshipMixin,
    Base,
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
from plugins.shipping.models.carrier import Carrier

Weight = Quantity(3)
"""Kilograms, to the gram."""
Length = Quantity(1)
"""Centimetres, to the millimetre."""

SEARCHED = ("number", "tracking_number", "delivery_address", "notes")
"""The columns folded into ``search_text``: the shipment list's search box and the global
search match them regardless of case and diacritics, the number (its title) first."""


class Shipment(SearchTextMixin, TimestampMixin, AuthorshipMixin, OwnerMixin, VersionMixin, Base):
    """Goods of order ``order_id`` on their way to client ``party_id``.

    ``method`` is ``carrier`` (``carrier_id``, ``carrier_service``, ``tracking_number``) or
    ``own`` (``vehicle``, ``driver``). ``delivery_address`` keeps the text of the client's
    address chosen when planning (``delivery_address_id``), so papers issued later show
    what was agreed even if the client's address book changes. ``number`` comes from the
    series ``shipping`` when the shipment is packed (the packing list is its first paper).
    """

    __tablename__ = "shipping_shipment"
    __search_fields__ = SEARCHED
    __table_args__ = (
        Index("ix_shipping_shipment_created", "created_at", "id"),
        Index("ix_shipping_shipment_planned", "planned_dispatch", "id"),
        trigram_index("shipping_shipment", "search_text"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="planned",
                                        index=True)
    order_id: Mapped[int] = mapped_column(
        ForeignKey("orders_order.id", ondelete="RESTRICT"), nullable=False, index=True)
    party_id: Mapped[int] = mapped_column(
        ForeignKey("parties_client.id", ondelete="RESTRICT"), nullable=False, index=True)
    method: Mapped[str] = mapped_column(String(10), nullable=False, default="carrier")
    carrier_id: Mapped[int | None] = mapped_column(
        ForeignKey("shipping_carrier.id", ondelete="RESTRICT"), index=True)
    carrier_service: Mapped[str | None] = mapped_column(String(100))
    tracking_number: Mapped[str | None] = mapped_column(String(100))
    vehicle: Mapped[str | None] = mapped_column(String(50))
    driver: Mapped[str | None] = mapped_column(String(200))
    origin: Mapped[str] = mapped_column(Text, nullable=False, default="")
    delivery_address_id: Mapped[int | None] = mapped_column(
        ForeignKey("parties_address.id", ondelete="SET NULL"))
    delivery_address: Mapped[str] = mapped_column(Text, nullable=False, default="")
    delivery_country: Mapped[str | None] = mapped_column(String(2))
    planned_dispatch: Mapped[date | None] = mapped_column(Date)
    planned_delivery: Mapped[date | None] = mapped_column(Date)
    dispatched_on: Mapped[date | None] = mapped_column(Date)
    delivered_on: Mapped[date | None] = mapped_column(Date)
    returned_on: Mapped[date | None] = mapped_column(Date)
    instructions: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    client_notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    party: Mapped[Client] = relationship(lazy="joined", viewonly=True)
    carrier: Mapped[Carrier | None] = relationship(lazy="joined", viewonly=True)
    owner: Mapped[User | None] = relationship(
        primaryjoin="User.id == foreign(Shipment.owner_id)", viewonly=True, lazy="joined")
    lines: Mapped[list[ShipmentLine]] = relationship(
        back_populates="shipment", cascade="all, delete-orphan",
        order_by="ShipmentLine.position", lazy="selectin")
    packages: Mapped[list[Package]] = relationship(
        back_populates="shipment", cascade="all, delete-orphan", order_by="Package.position",
        lazy="selectin")

    @property
    def title(self) -> str:
        """Its number, or "Shipment #7" before packing gives it one."""
        return self.number or _("Shipment #%(id)s", id=self.id)

    @property
    def package_count(self) -> int:
        return sum(p.count for p in self.packages)

    @property
    def gross_weight(self) -> Decimal:
        return sum((p.gross_weight for p in self.packages), Decimal(0))

    @property
    def net_weight(self) -> Decimal:
        return sum((line.net_weight or Decimal(0) for line in self.lines), Decimal(0))

    @property
    def volume(self) -> Decimal:
        """Cubic metres of all packages (those with their three dimensions)."""
        return sum((p.volume for p in self.packages), Decimal(0)).quantize(Decimal("0.001"))

    @property
    def tracking_link(self) -> str | None:
        return self.carrier.tracking_link(self.tracking_number) if self.carrier else None


class ShipmentLine(Base):
    """``quantity`` of order line ``order_line_id`` in this shipment, in package
    ``package`` (its position; none until packed) weighing ``net_weight`` kg."""

    __tablename__ = "shipping_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(
        ForeignKey("shipping_shipment.id", ondelete="CASCADE"), nullable=False, index=True)
    order_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("orders_line.id", ondelete="SET NULL"), index=True)
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("catalog_product.id", ondelete="SET NULL"), index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    description: Mapped[str] = mapped_column(String(500), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    unit: Mapped[str | None] = mapped_column(String(20))
    net_weight: Mapped[Decimal | None] = mapped_column(Weight)
    package: Mapped[int | None] = mapped_column(Integer)

    shipment: Mapped[Shipment] = relationship(back_populates="lines")


class Package(Base):
    """``count`` alike packages (``packaging``: box, pallet ...), ``gross_weight`` kg in
    all, each ``length`` x ``width`` x ``height`` cm, marked ``marks``."""

    __tablename__ = "shipping_package"

    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(
        ForeignKey("shipping_shipment.id", ondelete="CASCADE"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    packaging: Mapped[str] = mapped_column(String(50), nullable=False, default="box")
    count: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    gross_weight: Mapped[Decimal] = mapped_column(Weight, nullable=False)
    length: Mapped[Decimal | None] = mapped_column(Length)
    width: Mapped[Decimal | None] = mapped_column(Length)
    height: Mapped[Decimal | None] = mapped_column(Length)
    marks: Mapped[str | None] = mapped_column(String(100))

    shipment: Mapped[Shipment] = relationship(back_populates="packages")

    @property
    def volume(self) -> Decimal:
        if not (self.length and self.width and self.height):
            return Decimal(0)
        return self.length * self.width * self.height * self.count / Decimal(1_000_000)
