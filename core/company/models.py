"""The company profile table: the installation's own company, one row."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, LargeBinary, String, Text, true
from sqlalchemy.orm import Mapped, deferred, mapped_column

from core.db import Base, TimestampMixin


class CompanyProfile(TimestampMixin, Base):
    """The installation's own company, printed on every document and named in the staff
    layout: one row (id 1). Identifiers are stored compact, as validated for ``country``;
    ``bank_accounts`` is a list of ``{"bank", "iban", "bic", "currency"}``. Images live in
    the database (deferred), never under the web root."""

    __tablename__ = "core_company_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    """The legal name, as registered."""
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="legal_entity",
                                      server_default="legal_entity")
    details: Mapped[str] = mapped_column(Text, nullable=False, default="")
    """Further lines printed under the requisites (share capital, licences)."""
    country: Mapped[str] = mapped_column(String(2), nullable=False, default="RO",
                                         server_default="RO")
    tax_id: Mapped[str | None] = mapped_column(String(32))
    vat_number: Mapped[str | None] = mapped_column(String(32))
    currency: Mapped[str] = mapped_column(String(3), nullable=False, default="RON",
                                          server_default="RON")
    """The accounting currency: invoices in another one carry the exchange rate to it."""
    vat_payer: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True,
                                            server_default=true())
    trade_register_no: Mapped[str | None] = mapped_column(String(64))
    street: Mapped[str] = mapped_column(String(200), nullable=False, default="",
                                        server_default="")
    city: Mapped[str] = mapped_column(String(100), nullable=False, default="",
                                      server_default="")
    region: Mapped[str | None] = mapped_column(String(100))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    website: Mapped[str | None] = mapped_column(String(200))
    bank_accounts: Mapped[list[dict[str, str]]] = mapped_column(
        JSON, nullable=False, default=list, server_default="[]")
    logo: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    logo_type: Mapped[str | None] = mapped_column(String(32))
    stamp: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    """The signature and/or stamp image printed where the seller signs."""
    stamp_type: Mapped[str | None] = mapped_column(String(32))
