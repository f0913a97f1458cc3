"""A client: a company, a sole trader or a private person the business deals with."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import (
    AuthorshipMixin,
    Base,
    OwnerMixin,
    SearchTextMixin,
    TimestampMixin,
    VersionMixin,
)
from core.db.indexes import trigram_index

if TYPE_CHECKING:
    from plugins.parties.models.address import Address
    from plugins.parties.models.bank_account import BankAccount
    from plugins.parties.models.category import ClientGroup, Tag
    from plugins.parties.models.contact import ClientContact
    from plugins.parties.models.custom_field import CustomValue

CLIENT_KINDS = ("legal_entity", "sole_trader", "private_person")
CLIENT_STATUSES = ("prospect", "customer")
RELATIONSHIPS = ("customer", "supplier", "partner", "competitor")
LOYALTY_LEVELS = ("new", "occasional", "regular", "loyal")
SIZES = ("micro", "small", "medium", "large")
VAT_CHECK_STATUSES = ("unchecked", "valid", "invalid", "unavailable")
"""What the last online (VIES) check said: ``unavailable`` when the service could not answer."""
SEARCHED = ("name", "tax_id", "vat_number", "email", "phone")
"""The columns folded into ``search_text``, which lists and the global search match."""


def _one_of(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class Client(SearchTextMixin, TimestampMixin, AuthorshipMixin, OwnerMixin, VersionMixin, Base):
    """A client with its requisites; identifiers are stored compact (see ``identifiers``).

    ``name_key`` is the name folded for duplicate detection (case, accents, legal-form
    words removed), kept by the service on every write; ``search_text`` folds
    :data:`SEARCHED` for search (``core.db.search``).
    """

    __search_fields__ = SEARCHED

    __tablename__ = "parties_client"
    __table_args__ = (
        CheckConstraint(_one_of("kind", CLIENT_KINDS), name="kind"),
        CheckConstraint(_one_of("status", CLIENT_STATUSES), name="status"),
        CheckConstraint(_one_of("vat_check_status", VAT_CHECK_STATUSES),
                        name="vat_check_status"),
        Index("ix_parties_client_country_tax_id", "country", "tax_id"),
        # Keyset pages need an index on each sortable column plus id (core.listing), and
        # on the owner (record rule ``own``) or country filter ahead of the default sort.
        Index("ix_parties_client_name_id", "name", "id"),
        Index("ix_parties_client_status_id", "status", "id"),
        Index("ix_parties_client_created_at_id", "created_at", "id"),
        Index("ix_parties_client_updated_at_id", "updated_at", "id"),
        Index("ix_parties_client_owner_name_id", "owner_id", "name", "id"),
        Index("ix_parties_client_country_name_id", "country", "name", "id"),
        trigram_index("parties_client", "search_text"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="prospect")
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    name_key: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    country: Mapped[str] = mapped_column(String(2), nullable=False)
    tax_id: Mapped[str | None] = mapped_column(String(32))
    vat_number: Mapped[str | None] = mapped_column(String(32), index=True)
    trade_register_no: Mapped[str | None] = mapped_column(String(64))
    personal_id: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    website: Mapped[str | None] = mapped_column(String(200))
    relationship_type: Mapped[str] = mapped_column(String(20), nullable=False,
                                                   default="customer")
    loyalty: Mapped[str | None] = mapped_column(String(20))
    size: Mapped[str | None] = mapped_column(String(20))
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("parties_group.id", ondelete="SET NULL"), index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    vat_check_status: Mapped[str] = mapped_column(String(12), nullable=False,
                                                  default="unchecked",
                                                  server_default="unchecked")
    vat_checked_at: Mapped[datetime | None]

    group: Mapped[ClientGroup | None] = relationship()
    tags: Mapped[list[Tag]] = relationship(secondary="parties_client_tag",
                                           order_by="Tag.name")
    addresses: Mapped[list[Address]] = relationship(
        back_populates="client", cascade="all, delete-orphan", order_by="Address.id")
    bank_accounts: Mapped[list[BankAccount]] = relationship(
        back_populates="client", cascade="all, delete-orphan", order_by="BankAccount.id")
    contact_links: Mapped[list[ClientContact]] = relationship(
        back_populates="client", cascade="all, delete-orphan")
    custom_values: Mapped[list[CustomValue]] = relationship(
        back_populates="client", cascade="all, delete-orphan")

    def default_address(self, use: str) -> Address | None:
        """The default address for ``use`` (``registered``, ``delivery``, ``correspondence``)."""
        return next((a for a in self.addresses if a.use == use and a.is_default), None)
