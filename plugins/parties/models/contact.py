"""Contact persons, how to reach them, and the clients they speak for."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Boolean, ForeignKey, String, Text
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
    from plugins.parties.models.client import Client

CONTACT_CHANNELS = ("email", "phone", "mobile")
RESPONSIBILITIES = ("management", "finance", "purchasing", "sales", "technical", "logistics",
                    "legal")


class Contact(SearchTextMixin, TimestampMixin, AuthorshipMixin, OwnerMixin, VersionMixin, Base):
    """A person; one person may be the contact of several clients (``client_links``).

    ``responsibilities`` is a list of codes from :data:`RESPONSIBILITIES`;
    ``preferred_channel`` says whether to write or call first.
    """

    __tablename__ = "parties_contact"
    __table_args__ = (trigram_index("parties_contact", "search_text"),)
    __search_fields__ = ("name", "job_title")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    job_title: Mapped[str | None] = mapped_column(String(120))
    preferred_channel: Mapped[str] = mapped_column(String(10), nullable=False, default="email")
    responsibilities: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    available_hours: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)

    methods: Mapped[list[ContactMethod]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactMethod.id")
    client_links: Mapped[list[ClientContact]] = relationship(
        back_populates="contact", cascade="all, delete-orphan")

    def preferred_method(self) -> ContactMethod | None:
        """The method to use first: a preferred one of the preferred channel, else any."""
        same = [m for m in self.methods if m.channel == self.preferred_channel]
        return next((m for m in same if m.preferred), same[0] if same else
                    (self.methods[0] if self.methods else None))


class ContactMethod(Base):
    """One e-mail address or phone number of a contact; ``value`` is stored normalised."""

    __tablename__ = "parties_contact_method"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("parties_contact.id", ondelete="CASCADE"), nullable=False, index=True)
    channel: Mapped[str] = mapped_column(String(10), nullable=False)
    value: Mapped[str] = mapped_column(String(254), nullable=False, index=True)
    label: Mapped[str | None] = mapped_column(String(60))
    preferred: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    contact: Mapped[Contact] = relationship(back_populates="methods")


class ClientContact(Base):
    """That ``contact`` speaks for ``client`` in ``role`` (e.g. "CFO", "buyer")."""

    __tablename__ = "parties_client_contact"

    client_id: Mapped[int] = mapped_column(
        ForeignKey("parties_client.id", ondelete="CASCADE"), primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("parties_contact.id", ondelete="CASCADE"), primary_key=True, index=True)
    role: Mapped[str | None] = mapped_column(String(120))
    is_primary: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    client: Mapped[Client] = relationship(back_populates="contact_links")
    contact: Mapped[Contact] = relationship(back_populates="client_links")
