"""Exchange rates entered by staff or imported from the national bank's daily file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TimestampMixin


class ExchangeRate(TimestampMixin, Base):
    """``rate`` units of ``domestic`` currency for one unit of ``currency`` on ``rate_date``."""

    __tablename__ = "invoicing_exchange_rate"
    __table_args__ = (UniqueConstraint("currency", "domestic", "rate_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    domestic: Mapped[str] = mapped_column(String(3), nullable=False)
    rate_date: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    rate: Mapped[Decimal] = mapped_column(Numeric(18, 6), nullable=False)
    source: Mapped[str] = mapped_column(String(20), nullable=False, default="manual")
