"""A product or service the business sells."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, CheckConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import (
    AuthorshipMixin,
    Base,
    Money,
    Quantity,
    SearchTextMixin,
    TimestampMixin,
    VersionMixin,
)
from core.db.indexes import trigram_index

if TYPE_CHECKING:
    from plugins.catalog.models.category import ProductCategory

PRODUCT_KINDS = ("product", "service")
SEARCHED = ("name", "code", "description")
"""The columns folded into ``search_text``: the list's search box, the record picker and the
global search match them regardless of case and diacritics, the name first for ranking."""


class Product(SearchTextMixin, TimestampMixin, AuthorshipMixin, VersionMixin, Base):
    """``price`` is the unit price without VAT in ``currency`` (4 decimals, for unit prices
    like 0.0125 EUR per message); ``vat_rate`` is a percentage (19.00)."""

    __tablename__ = "catalog_product"
    __search_fields__ = SEARCHED
    __table_args__ = (CheckConstraint("kind IN ('product', 'service')", name="kind"),
                      trigram_index("catalog_product", "search_text"))

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    description: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10), nullable=False, default="product")
    unit: Mapped[str] = mapped_column(String(20), nullable=False, default="pcs")
    price: Mapped[Decimal] = mapped_column(Money(4), nullable=False, index=True)
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    vat_rate: Mapped[Decimal] = mapped_column(Quantity(2), nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True, index=True)

    categories: Mapped[list[ProductCategory]] = relationship(
        secondary="catalog_product_category", order_by="ProductCategory.name")
