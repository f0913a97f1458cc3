"""A complaint: what the client says is wrong, what they ask for, and how it ended."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import (
    AuthorshipMixin,
    Base,
    OwnerMixin,
    SearchTextMixin,
    TimestampMixin,
    UTCDateTime,
    VersionMixin,
)
from core.db.indexes import trigram_index
from core.identity.models import User
from plugins.catalog.models import Product
from plugins.parties.models import Client

SEARCHED = ("number", "description", "resolution")
"""The columns folded into ``search_text``: the complaint list's search box and the global
search match them regardless of case and diacritics, the number (its title) first."""


class Complaint(SearchTextMixin, TimestampMixin, AuthorshipMixin, OwnerMixin, VersionMixin, Base):
    """Client ``party_id``'s complaint about record ``(subject_kind, subject_id)``.

    The subject is named by its record kind (``orders.order``, ``invoicing.invoice``,
    ``shipping.shipment``, ``catalog.product``), not by a foreign key, so this plugin needs
    neither invoicing nor shipping. ``product_id`` is the product concerned (the subject
    itself for a product complaint), which the report groups by. ``number`` comes from the
    series ``complaints`` when the complaint is received; ``resolved_at`` ends the
    resolution time the report measures from ``created_at``. ``portal_user_id`` is set when
    the client filed it from the portal.
    """

    __tablename__ = "complaints_complaint"
    __search_fields__ = SEARCHED
    __table_args__ = (
        Index("ix_complaints_complaint_created", "created_at", "id"),
        Index("ix_complaints_complaint_subject", "subject_kind", "subject_id"),
        CheckConstraint("subject_id > 0", name="subject_id"),
        trigram_index("complaints_complaint", "search_text"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="received",
                                        index=True)
    party_id: Mapped[int] = mapped_column(
        ForeignKey("parties_client.id", ondelete="RESTRICT"), nullable=False, index=True)
    subject_kind: Mapped[str] = mapped_column(String(64), nullable=False)
    subject_id: Mapped[int] = mapped_column(Integer, nullable=False)
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("catalog_product.id", ondelete="SET NULL"), index=True)
    cause: Mapped[str] = mapped_column(String(20), nullable=False, default="other", index=True)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    remedy: Mapped[str] = mapped_column(String(20), nullable=False, default="other")
    remedy_details: Mapped[str | None] = mapped_column(Text)
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL"), index=True)
    deadline: Mapped[date | None] = mapped_column(Date)
    resolution: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    portal_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_portal_user.id", ondelete="SET NULL"))

    party: Mapped[Client] = relationship(lazy="joined", viewonly=True)
    product: Mapped[Product | None] = relationship(lazy="joined", viewonly=True)
    owner: Mapped[User | None] = relationship(
        primaryjoin="User.id == foreign(Complaint.owner_id)", viewonly=True, lazy="joined")
    assignee: Mapped[User | None] = relationship(
        primaryjoin="User.id == foreign(Complaint.assignee_id)", viewonly=True, lazy="joined")

    @property
    def title(self) -> str:
        return self.number
