"""Ways staff sort clients: free tags (many per client) and groups (one per client)."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base


class Tag(Base):
    """A free label; a client carries any number of them."""

    __tablename__ = "parties_tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), nullable=False, unique=True)
    color: Mapped[str | None] = mapped_column(String(20))


class ClientGroup(Base):
    """A group of clients (a region, a reseller network, a price list audience)."""

    __tablename__ = "parties_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False, unique=True)
    description: Mapped[str | None] = mapped_column(String(500))


client_tag = Table(
    "parties_client_tag",
    Base.metadata,
    Column("client_id", ForeignKey("parties_client.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("parties_tag.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)
