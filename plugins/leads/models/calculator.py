"""Cost-calculator lines of a lead: what the deal would sell, priced."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, Money, Quantity

if TYPE_CHECKING:
    from plugins.leads.models.lead import Lead

CENT = Decimal("0.01")


class LeadLine(Base):
    """``quantity`` of ``product_id`` (or a free ``description``) at ``unit_price`` less
    ``discount`` percent; ``vat_rate`` is a percentage. Prices are in the lead's currency."""

    __tablename__ = "leads_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads_lead.id", ondelete="CASCADE"),
                                         nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("catalog_product.id", ondelete="SET NULL"), index=True)
    description: Mapped[str] = mapped_column(String(300), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    unit: Mapped[str | None] = mapped_column(String(20))
    unit_price: Mapped[Decimal] = mapped_column(Money(4), nullable=False)
    discount: Mapped[Decimal] = mapped_column(Quantity(2), nullable=False, default=Decimal(0))
    vat_rate: Mapped[Decimal] = mapped_column(Quantity(2), nullable=False, default=Decimal(0))

    lead: Mapped[Lead] = relationship(back_populates="lines")

    @property
    def net(self) -> Decimal:
        """Quantity times price less the discount, rounded to cents."""
        gross = self.quantity * self.unit_price
        return (gross - gross * self.discount / 100).quantize(CENT, ROUND_HALF_UP)

    @property
    def vat(self) -> Decimal:
        return (self.net * self.vat_rate / 100).quantize(CENT, ROUND_HALF_UP)
