"""The seller's legal requisites for invoices, beside the kernel's company profile.

The kernel's profile prints a name and free text; an e-invoice needs the parts one by
one (VAT identifier, registration number, address with its ISO 3166-2 subdivision, bank
account), so they live here as one row (``id`` 1) that admins edit.
"""

from __future__ import annotations

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TimestampMixin


class SellerProfile(TimestampMixin, Base):
    __tablename__ = "invoicing_seller"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    vat_number: Mapped[str | None] = mapped_column(String(32))
    tax_id: Mapped[str | None] = mapped_column(String(32))
    trade_register_no: Mapped[str | None] = mapped_column(String(64))
    vat_payer: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    street: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    city: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    region: Mapped[str | None] = mapped_column(String(100))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    country: Mapped[str] = mapped_column(String(2), nullable=False, default="RO")
    currency: Mapped[str] = mapped_column(String(3), nullable=False, default="RON")
    iban: Mapped[str | None] = mapped_column(String(34))
    bank_name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
