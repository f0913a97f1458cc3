"""Admin-defined client fields, stored one typed row per value so lists filter and sort.

An entity-attribute-value table with one column per type (text, number, date) and an
index on ``(field_id, value_<type>)``: filtering or sorting by a custom field is one join
using an index, with the database's own ordering of numbers and dates. Numbers are floats:
custom fields hold counts and estimates, never money (money has its own columns).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base

if TYPE_CHECKING:
    from plugins.parties.models.client import Client

CUSTOM_FIELD_TYPES = ("text", "number", "date", "choice")


class CustomField(Base):
    """A field admins add to clients; ``choices`` lists the allowed values of a choice field."""

    __tablename__ = "parties_custom_field"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    label: Mapped[str] = mapped_column(String(100), nullable=False)
    type: Mapped[str] = mapped_column(String(10), nullable=False)
    choices: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    @property
    def value_column(self) -> str:
        """The ``CustomValue`` attribute holding values of this field's type."""
        return {"number": "value_number", "date": "value_date"}.get(self.type, "value_text")


class CustomValue(Base):
    """The value of one custom field for one client, in the column of the field's type."""

    __tablename__ = "parties_custom_value"
    __table_args__ = (
        UniqueConstraint("client_id", "field_id"),
        Index("ix_parties_custom_value_text", "field_id", "value_text"),
        Index("ix_parties_custom_value_number", "field_id", "value_number"),
        Index("ix_parties_custom_value_date", "field_id", "value_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(
        ForeignKey("parties_client.id", ondelete="CASCADE"), nullable=False)
    field_id: Mapped[int] = mapped_column(
        ForeignKey("parties_custom_field.id", ondelete="CASCADE"), nullable=False)
    value_text: Mapped[str | None] = mapped_column(String(500))
    value_number: Mapped[float | None] = mapped_column(Float)
    value_date: Mapped[date | None] = mapped_column(Date)

    client: Mapped[Client] = relationship(back_populates="custom_values")
    field: Mapped[CustomField] = relationship()

    @property
    def value(self) -> Any:
        return getattr(self, self.field.value_column)
