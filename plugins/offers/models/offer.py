"""An offer: one revision of a commercial proposal to a lead or a client.

Every revision is a row of its own. Editing a sent offer copies it into a new row with the
next ``revision`` number and the same ``family_id`` and ``number``; the previous row is
marked ``superseded`` and stays read-only with its frozen PDF. The client's link names the
family, so it always shows the newest sent revision.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import (
    AuthorshipMixin,
    Base,
    Money,
    OwnerMixin,
    SearchTextMixin,
    TimestampMixin,
    VersionMixin,
)
from core.db.indexes import trigram_index

if TYPE_CHECKING:
    from plugins.offers.models.line import OfferLine
    from plugins.parties.models import Client

OFFER_STATUSES = ("draft", "sent", "viewed", "accepted", "declined", "expired", "cancelled")
OFFER_FORMATS = ("table", "text")
"""``table`` (Template II): structured lines, convertible into orders, contracts, invoices.
``text`` (Template I): a free body with merge tags; it converts into nothing."""
SEARCHED = ("title", "number")
"""The columns folded into ``search_text``, which the list's search box and the global search
match regardless of case and diacritics ("brasov" finds "Brașov"), title first for ranking."""


def _one_of(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class Offer(SearchTextMixin, TimestampMixin, AuthorshipMixin, OwnerMixin, VersionMixin, Base):
    """Totals (``total_net``, ``total_vat``, ``total_gross``) are kept by the services from
    the lines, so lists sort and filter on them; ``totals.py`` is the one calculation.

    ``party_id`` is the client; ``lead_id`` a ``leads.lead`` id, kept without a foreign key
    because ``offers`` does not depend on ``leads``.
    """

    __tablename__ = "offers_offer"
    __search_fields__ = SEARCHED
    __table_args__ = (
        CheckConstraint(_one_of("status", OFFER_STATUSES), name="status"),
        CheckConstraint(_one_of("format", OFFER_FORMATS), name="format"),
        UniqueConstraint("family_id", "revision"),
        Index("ix_offers_offer_created", "created_at", "id"),
        Index("ix_offers_offer_total", "total_gross", "id"),
        Index("ix_offers_offer_valid_until", "valid_until", "id"),
        Index("ix_offers_offer_status_valid", "status", "valid_until"),
        # The search box: LIKE '%word%' over the folded title and number.
        trigram_index("offers_offer", "search_text"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int | None] = mapped_column(Integer, index=True)
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    superseded: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False,
                                             index=True)
    number: Mapped[str | None] = mapped_column(String(40), index=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    format: Mapped[str] = mapped_column(String(10), nullable=False, default="table")
    status: Mapped[str] = mapped_column(String(12), nullable=False, default="draft",
                                        index=True)
    party_id: Mapped[int | None] = mapped_column(
        ForeignKey("parties_client.id", ondelete="SET NULL"), index=True)
    lead_id: Mapped[int | None] = mapped_column(Integer, index=True)
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("parties_contact.id", ondelete="SET NULL"), index=True)
    """The client's contact person the offer is addressed to (the mail goes to them)."""
    recipient_email: Mapped[str | None] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(5), nullable=False, default="en")
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    valid_until: Mapped[date | None] = mapped_column(Date)
    intro: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)
    terms: Mapped[str | None] = mapped_column(Text)
    text_id: Mapped[int | None] = mapped_column(
        ForeignKey("offers_offer_text.id", ondelete="RESTRICT"), index=True)
    """The named offer text (:class:`OfferText`) the documents print."""
    total_net: Mapped[Decimal] = mapped_column(Money(), nullable=False, default=Decimal(0))
    total_vat: Mapped[Decimal] = mapped_column(Money(), nullable=False, default=Decimal(0))
    total_gross: Mapped[Decimal] = mapped_column(Money(), nullable=False, default=Decimal(0))
    sent_at: Mapped[datetime | None]
    mail_id: Mapped[int | None] = mapped_column(Integer)
    """The ``core_mail_message`` that carried this revision (set by the delivery job)."""
    first_viewed_at: Mapped[datetime | None]
    last_viewed_at: Mapped[datetime | None]
    view_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    decided_at: Mapped[datetime | None]
    decision_comment: Mapped[str | None] = mapped_column(Text)

    lines: Mapped[list[OfferLine]] = relationship(
        back_populates="offer", cascade="all, delete-orphan", order_by="OfferLine.position")
    party: Mapped[Client | None] = relationship(viewonly=True)
    """The client, for lists that print its name (documents go through ``recipients``)."""

    @property
    def reference(self) -> str:
        """The number people know it by, with the revision once there is more than one."""
        base = self.number or f"#{self.id}"
        return base if self.revision == 1 else f"{base} rev. {self.revision}"

    @property
    def display_title(self) -> str:
        return f"{self.reference} · {self.title}" if self.number else self.title

    @property
    def convertible(self) -> bool:
        """Only the table format (Template II) converts into other documents."""
        return self.format == "table"
