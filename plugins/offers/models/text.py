"""Named offer texts: the wording admins keep ready for salespeople to pick per offer."""

from __future__ import annotations

from sqlalchemy import Boolean, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TimestampMixin


class OfferText(TimestampMixin, Base):
    """A named text ("Standard", "Short"): ``body`` is a sandboxed template with the offer's
    merge tags, printed where a document template says ``{{ offer.text }}``; ``intro`` and
    ``terms`` stand in for an offer that has none of its own.

    Texts are archived (``active`` off), never deleted, so an offer keeps printing its text;
    the partial unique index keeps one default even when two admins save at once.
    """

    __tablename__ = "offers_offer_text"
    __table_args__ = (
        Index("ix_offers_offer_text_one_default", "is_default", unique=True,
              sqlite_where=text("is_default"),
              postgresql_where=text("is_default")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False, unique=True)
    body: Mapped[str] = mapped_column(Text, nullable=False, default="")
    intro: Mapped[str | None] = mapped_column(Text)
    terms: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    is_default: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
