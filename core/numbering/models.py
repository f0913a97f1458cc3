"""Numbering tables: series, one counter row per series and period, the issued numbers.

The counter row is the only thing an issuing transaction locks; the issued-number rows are
the auditor's proof of which document holds which number.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TimestampMixin

ALL_TIME = "all"
"""The period of a series that never resets."""


class NumberSeries(TimestampMixin, Base):
    """A numbering series: ``OF-{year}-{seq:05d}`` for offers, restarting every year."""

    __tablename__ = "core_number_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(64), nullable=False)
    label: Mapped[str] = mapped_column(String(200), nullable=False)
    pattern: Mapped[str] = mapped_column(String(100), nullable=False)
    yearly_reset: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class NumberCounter(Base):
    """The next sequence value of one series in one period (a year, or ``all``)."""

    __tablename__ = "core_number_counter"
    __table_args__ = (UniqueConstraint("series_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(
        ForeignKey("core_number_series.id", ondelete="CASCADE"), nullable=False)
    period: Mapped[str] = mapped_column(String(8), nullable=False)
    next_value: Mapped[int] = mapped_column(Integer, nullable=False, default=1)


class IssuedNumber(Base):
    """One number given out, and the record that holds it."""

    __tablename__ = "core_issued_number"
    __table_args__ = (UniqueConstraint("series_id", "period", "seq"),
                      UniqueConstraint("series_id", "number"),
                      Index("ix_core_issued_number_record", "record_kind", "record_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(
        ForeignKey("core_number_series.id", ondelete="RESTRICT"), nullable=False)
    period: Mapped[str] = mapped_column(String(8), nullable=False)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    number: Mapped[str] = mapped_column(String(120), nullable=False)
    record_kind: Mapped[str | None] = mapped_column(String(64))
    record_id: Mapped[int | None] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(nullable=False)
    issued_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL"))
