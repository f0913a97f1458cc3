"""Targets made from sample notes: a copy (once per note) and drafts (as many as wanted)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, OwnerMixin, VersionMixin


class Copy(OwnerMixin, VersionMixin, Base):
    __tablename__ = "convtarget_copy"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    total: Mapped[Decimal]


class Draft(OwnerMixin, Base):
    __tablename__ = "convtarget_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
