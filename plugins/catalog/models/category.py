"""Product categories (nested: "Services / Maintenance")."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base


class ProductCategory(Base):
    __tablename__ = "catalog_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False, unique=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("catalog_category.id", ondelete="SET NULL"), index=True)

    parent: Mapped[ProductCategory | None] = relationship(remote_side="ProductCategory.id")


product_category = Table(
    "catalog_product_category",
    Base.metadata,
    Column("product_id", ForeignKey("catalog_product.id", ondelete="CASCADE"),
           primary_key=True),
    Column("category_id", ForeignKey("catalog_category.id", ondelete="CASCADE"),
           primary_key=True, index=True),
)
