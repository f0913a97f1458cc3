"""A client's bank account, printed on documents and used to match payments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base

if TYPE_CHECKING:
    from plugins.parties.models.client import Client


class BankAccount(Base):
    """An IBAN (stored compact), the bank's name and the account's currency."""

    __tablename__ = "parties_bank_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(
        ForeignKey("parties_client.id", ondelete="CASCADE"), nullable=False, index=True)
    iban: Mapped[str] = mapped_column(String(34), nullable=False, index=True)
    bank_name: Mapped[str | None] = mapped_column(String(200))
    bic: Mapped[str | None] = mapped_column(String(11))
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    is_default: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    client: Mapped[Client] = relationship(back_populates="bank_accounts")
