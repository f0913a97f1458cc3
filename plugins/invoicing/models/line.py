"""One line of an invoice, credit note or proforma."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, Money, Quantity

if TYPE_CHECKING:
    from plugins.invoicing.models.document import BillingDocument


class InvoiceLine(Base):
    """``quantity`` x ``unit_price`` less ``discount`` percent is ``net`` (rounded to cents).

    ``vat_category`` is the EN 16931 code (UNCL 5305): ``S`` standard, ``Z`` zero rated,
    ``E`` exempt, ``AE`` reverse charge, ``K`` intra-EU supply, ``O`` outside the scope;
    ``exemption_reason`` is the legal mention printed for ``E``, ``AE``, ``K`` and ``O``.
    ``source_line_id`` ties a credit note's line to the invoice line it corrects.
    """

    __tablename__ = "invoicing_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("invoicing_document.id", ondelete="CASCADE"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("catalog_product.id", ondelete="SET NULL"), index=True)
    description: Mapped[str] = mapped_column(String(500), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    unit: Mapped[str | None] = mapped_column(String(20))
    unit_price: Mapped[Decimal] = mapped_column(Money(4), nullable=False)
    discount: Mapped[Decimal] = mapped_column(Quantity(2), nullable=False, default=Decimal(0))
    vat_rate: Mapped[Decimal] = mapped_column(Quantity(2), nullable=False)
    vat_category: Mapped[str] = mapped_column(String(2), nullable=False, default="S")
    exemption_reason: Mapped[str | None] = mapped_column(String(300))
    net: Mapped[Decimal] = mapped_column(Money(), nullable=False)
    source_line_id: Mapped[int | None] = mapped_column(Integer)

    document: Mapped[BillingDocument] = relationship(back_populates="lines")
