"""Offers of the stand-in plugin, on a metadata of their own.

Not on ``core.db.Base``: the suite's schema (built by migrations) and its drift test never
see this table; the orders tests create it themselves.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class StubBase(DeclarativeBase):
    pass


class StubOffer(StubBase):
    __tablename__ = "offerstub_offer"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), nullable=False)
    party_id: Mapped[int | None] = mapped_column(Integer)
    contact_id: Mapped[int | None] = mapped_column(Integer)
    owner_id: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), nullable=False, default="RON")
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="sent")
    lines: Mapped[list] = mapped_column(JSON, nullable=False, default=list)

    def content_lines(self) -> list[dict]:
        return [{**line, "quantity": Decimal(line["quantity"]),
                 "unit_price": Decimal(line["unit_price"]),
                 "discount": Decimal(line["discount"]), "vat_rate": Decimal(line["vat_rate"]),
                 "net": Decimal(line["net"])} for line in self.lines]
