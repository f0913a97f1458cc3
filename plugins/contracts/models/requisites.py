"""A requisites questionnaire sent to a client, and what the client answered."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import AuthorshipMixin, Base, TimestampMixin, UTCDateTime
from plugins.parties.models import Client


class RequisitesRequest(TimestampMixin, AuthorshipMixin, Base):
    """The questionnaire for client ``party_id``: ``pending`` until answered, then
    ``answered`` until staff ``applied`` the answers to the client or ``rejected`` them."""

    __tablename__ = "contracts_requisites"

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(
        ForeignKey("parties_client.id", ondelete="CASCADE"), nullable=False, index=True)
    client_kind: Mapped[str] = mapped_column(String(20), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="pending")
    email: Mapped[str] = mapped_column(String(254), nullable=False)
    answers: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    party: Mapped[Client] = relationship(lazy="joined", viewonly=True)
