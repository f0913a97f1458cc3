"""Addresses of a client, each kept for one use, with one default per use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, TimestampMixin

if TYPE_CHECKING:
    from plugins.parties.models.client import Client

ADDRESS_USES = ("registered", "delivery", "correspondence")
"""``registered`` is the legal/tax address printed on financial documents; ``delivery``
covers warehouses and delivery points offered when goods ship."""


class Address(TimestampMixin, Base):
    """A postal address; ``is_default`` marks the one chosen first for its ``use``.

    The partial unique index makes a second default for the same client and use impossible
    even under concurrent writes; the service clears the old default first.
    """

    __tablename__ = "parties_address"
    __table_args__ = (
        CheckConstraint("use IN ('registered', 'delivery', 'correspondence')", name="use"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(
        ForeignKey("parties_client.id", ondelete="CASCADE"), nullable=False, index=True)
    use: Mapped[str] = mapped_column(String(20), nullable=False)
    label: Mapped[str | None] = mapped_column(String(100))
    street: Mapped[str] = mapped_column(String(200), nullable=False)
    city: Mapped[str] = mapped_column(String(100), nullable=False)
    region: Mapped[str | None] = mapped_column(String(100))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    country: Mapped[str] = mapped_column(String(2), nullable=False)
    is_default: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    client: Mapped[Client] = relationship(back_populates="addresses")

    def one_line(self) -> str:
        parts = [self.street, " ".join(p for p in (self.postal_code, self.city) if p),
                 self.region, self.country]
        return ", ".join(p for p in parts if p)


# Spelled as SQL text so Alembic can write it into the migration script.
Index("uq_parties_address_default", Address.client_id, Address.use, unique=True,
      sqlite_where=text("is_default"), postgresql_where=text("is_default"))
