"""A service assigned to a client: what invoicing offers on that client's invoices."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, Money, TimestampMixin
from plugins.catalog.models.product import Product


class ClientService(TimestampMixin, Base):
    """``product`` (a service) is provided to the client ``client_id``.

    ``price`` overrides the catalogue price for this client when set; ``starts_on`` and
    ``ends_on`` bound the period it is provided in.
    """

    __tablename__ = "catalog_client_service"
    __table_args__ = (UniqueConstraint("client_id", "product_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(
        ForeignKey("parties_client.id", ondelete="CASCADE"), nullable=False, index=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_product.id", ondelete="CASCADE"), nullable=False, index=True)
    price: Mapped[Decimal | None] = mapped_column(Money(4))
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(200))

    product: Mapped[Product] = relationship()

    @property
    def effective_price(self) -> Decimal:
        return self.price if self.price is not None else self.product.price
