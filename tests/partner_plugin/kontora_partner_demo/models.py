"""The one table of ``partner_demo``; its migration branch lives in ``migrations/``."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TimestampMixin


class Greeting(TimestampMixin, Base):
    __tablename__ = "partner_demo_greeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(200), nullable=False)
