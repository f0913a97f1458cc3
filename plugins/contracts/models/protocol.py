"""Acceptance protocols: what was handed over under a contract or an order, signed off."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import (
    AuthorshipMixin,
    Base,
    OwnerMixin,
    Quantity,
    SearchTextMixin,
    TimestampMixin,
    UTCDateTime,
    VersionMixin,
)
from core.db.indexes import trigram_index
from core.i18n import gettext as _
from plugins.parties.models import Client

SEARCHED = ("number", "source_reference", "remarks")
"""The columns folded into ``search_text``: the protocol list's search box and the global
search match them regardless of case and diacritics, the number (its label) first."""


class AcceptanceProtocol(SearchTextMixin, TimestampMixin, AuthorshipMixin, OwnerMixin,
                         VersionMixin, Base):
    """A handover / acceptance certificate for the record ``(source_kind, source_id)``
    (``contracts.contract`` or any kind the document-content protocol describes, such as
    ``orders.order``), named only by kind so this plugin never imports the source's."""

    __tablename__ = "contracts_protocol"
    __search_fields__ = SEARCHED
    __table_args__ = (
        Index("ix_contracts_protocol_source", "source_kind", "source_id"),
        Index("ix_contracts_protocol_created", "created_at", "id"),
        trigram_index("contracts_protocol", "search_text"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="draft", index=True)
    party_id: Mapped[int] = mapped_column(
        ForeignKey("parties_client.id", ondelete="RESTRICT"), nullable=False, index=True)
    source_kind: Mapped[str] = mapped_column(String(64), nullable=False)
    source_id: Mapped[int] = mapped_column(Integer, nullable=False)
    source_reference: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    delivered_from: Mapped[date | None] = mapped_column(Date)
    delivered_on: Mapped[date] = mapped_column(Date, nullable=False)
    remarks: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    party: Mapped[Client] = relationship(lazy="joined", viewonly=True)
    items: Mapped[list[ProtocolItem]] = relationship(
        back_populates="protocol", cascade="all, delete-orphan",
        order_by="ProtocolItem.position", lazy="selectin")

    @property
    def label(self) -> str:
        return self.number or _("Acceptance protocol #%(id)s", id=self.id)


class ProtocolItem(Base):
    """One delivered item: what, how much, and a remark (e.g. "accepted with reserve")."""

    __tablename__ = "contracts_protocol_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    protocol_id: Mapped[int] = mapped_column(
        ForeignKey("contracts_protocol.id", ondelete="CASCADE"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    description: Mapped[str] = mapped_column(String(500), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    unit: Mapped[str | None] = mapped_column(String(20))
    remark: Mapped[str | None] = mapped_column(String(500))

    protocol: Mapped[AcceptanceProtocol] = relationship(back_populates="items")
