"""The carrier register: who moves goods for the company and how a parcel is traced."""

from __future__ import annotations

from urllib.parse import quote

from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TimestampMixin

TRACKING_PLACEHOLDER = "{tracking}"


class Carrier(TimestampMixin, Base):
    """A carrier with the services it sells (one per line of ``services``) and the
    address of its tracking page, ``tracking_url`` holding ``{tracking}`` where the
    tracking number goes."""

    __tablename__ = "shipping_carrier"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    services: Mapped[str] = mapped_column(Text, nullable=False, default="")
    tracking_url: Mapped[str | None] = mapped_column(String(500))
    address: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(50))
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    @property
    def service_list(self) -> list[str]:
        return [s.strip() for s in (self.services or "").splitlines() if s.strip()]

    def tracking_link(self, number: str | None) -> str | None:
        """The tracking page of parcel ``number`` (the number URL-quoted), or None."""
        if not number or not self.tracking_url:
            return None
        return self.tracking_url.replace(TRACKING_PLACEHOLDER, quote(number, safe=""))
