"""Expiry reminders already sent (one per contract, end date and threshold) and the
thresholds admins choose."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, UTCDateTime

DEFAULT_REMINDER_DAYS = "30,7,1"


class ReminderSent(Base):
    """The reminder ``days`` before ``end_date`` went out for a contract.

    The unique key makes "once per threshold" hold even when two workers run the job at
    once; ``end_date`` is part of it, so extending a contract arms its reminders again.
    """

    __tablename__ = "contracts_reminder"
    __table_args__ = (UniqueConstraint("contract_id", "end_date", "days"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contracts_contract.id", ondelete="CASCADE"), nullable=False, index=True)
    end_date: Mapped[date] = mapped_column(Date, nullable=False)
    days: Mapped[int] = mapped_column(Integer, nullable=False)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class ContractSettings(Base):
    """The installation's contract settings: one row (``id`` 1), edited on the admin page."""

    __tablename__ = "contracts_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    reminder_days: Mapped[str] = mapped_column(String(100), nullable=False,
                                               default=DEFAULT_REMINDER_DAYS)
