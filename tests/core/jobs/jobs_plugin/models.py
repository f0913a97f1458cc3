"""Rows the ``jobtest`` jobs write, so tests see what ran (in this process or a worker)."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base


class JobTestRecord(Base):
    """Written by a job that succeeded (label = what it was asked to write)."""

    __tablename__ = "jobtest_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(200), nullable=False)


class JobTestAttempt(Base):
    """One attempt of a flaky job, committed apart from the job so a failure keeps it."""

    __tablename__ = "jobtest_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), nullable=False)
