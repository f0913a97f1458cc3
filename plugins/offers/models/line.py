"""One line of an offer: a catalogue product or a free text, with price, discount and VAT."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, Money, Quantity

if TYPE_CHECKING:
    from plugins.offers.models.offer import Offer


class OfferLine(Base):
    """``unit_price`` is without VAT in the offer's currency; ``discount`` and ``vat_rate``
    are percentages; ``net`` (after discount, before VAT, rounded half up to 2 places) is
    kept by the services. ``is_service`` marks offered services so reports count them."""

    __tablename__ = "offers_offer_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(
        ForeignKey("offers_offer.id", ondelete="CASCADE"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("catalog_product.id", ondelete="SET NULL"), index=True)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    unit: Mapped[str | None] = mapped_column(String(20))
    unit_price: Mapped[Decimal] = mapped_column(Money(4), nullable=False)
    discount: Mapped[Decimal] = mapped_column(Quantity(2), nullable=False, default=Decimal(0))
    vat_rate: Mapped[Decimal] = mapped_column(Quantity(2), nullable=False)
    is_service: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False,
                                             index=True)
    net: Mapped[Decimal] = mapped_column(Money(), nullable=False)

    offer: Mapped[Offer] = relationship(back_populates="lines")
