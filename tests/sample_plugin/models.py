"""The one model of the ``sample`` plugin."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, OwnerMixin, TimestampMixin, VersionMixin


class SampleNote(TimestampMixin, OwnerMixin, VersionMixin, Base):
    __tablename__ = "sample_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    amount: Mapped[Decimal | None]
    number: Mapped[str | None] = mapped_column(String(40))
