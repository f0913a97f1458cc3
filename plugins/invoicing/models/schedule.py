"""Billing schedules: a contract (any record kind with document content) invoiced monthly.

A schedule names its source by kind and id, not by a foreign key, because ``invoicing``
does not depend on ``contracts``. :class:`BillingRun` is the exactly-once guard: a
period's row is inserted before its invoice is made, and the unique pair makes a second
or concurrent run of the job skip that period.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TimestampMixin


class BillingSchedule(TimestampMixin, Base):
    """Invoice ``source_kind`` #``source_id`` every month on ``day_of_month`` from
    ``start_date`` to ``end_date``: its lines, or one line of ``amount`` when set."""

    __tablename__ = "invoicing_schedule"
    __table_args__ = (UniqueConstraint("source_kind", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_kind: Mapped[str] = mapped_column(String(60), nullable=False)
    source_id: Mapped[int] = mapped_column(Integer, nullable=False)
    start_date: Mapped[date] = mapped_column(Date, nullable=False)
    end_date: Mapped[date | None] = mapped_column(Date)
    day_of_month: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    vat_rate: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    issue: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    series: Mapped[str | None] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    set_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL"))
    """The user who last set the schedule; the job invoices (and issues) as them."""


class BillingRun(Base):
    """The invoice made for one period of a schedule; one row per (schedule, period)."""

    __tablename__ = "invoicing_schedule_run"
    __table_args__ = (UniqueConstraint("schedule_id", "period_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    schedule_id: Mapped[int] = mapped_column(
        ForeignKey("invoicing_schedule.id", ondelete="CASCADE"), nullable=False)
    period_start: Mapped[date] = mapped_column(Date, nullable=False)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("invoicing_document.id", ondelete="SET NULL"))
