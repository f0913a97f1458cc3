"""Import runs of clients or contacts from CSV/XLSX files, and the problems of their rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, utcnow

IMPORT_TARGETS = ("clients", "contacts")
IMPORT_STATUSES = ("uploaded", "queued", "running", "done", "failed")
DUPLICATE_POLICIES = ("skip", "flag")
"""``skip``: a row that looks like an existing client is not imported; ``flag``: it is,
and the report names the look-alike."""


class ImportRun(Base):
    """One uploaded file: its column mapping, then a dry run or a real run, with progress.

    The job updates ``processed`` and the counters after every batch in short transactions
    of its own, so the progress bar reads them while the import goes on.
    """

    __tablename__ = "parties_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL"), index=True)
    target: Mapped[str] = mapped_column(String(10), nullable=False)
    file_name: Mapped[str] = mapped_column(String(255), nullable=False)
    stored_name: Mapped[str] = mapped_column(String(80), nullable=False)
    file_format: Mapped[str] = mapped_column(String(4), nullable=False)
    columns: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    duplicates: Mapped[str] = mapped_column(String(4), nullable=False, default="skip")
    dry_run: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="uploaded")
    total_rows: Mapped[int | None] = mapped_column(Integer)
    processed: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    created_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    skipped_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    failed_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    flagged_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, nullable=False)
    finished_at: Mapped[datetime | None]

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status == "done" else 0
        return min(100, self.processed * 100 // self.total_rows)


class ImportProblem(Base):
    """Why one row (1 = the first data row after the header) was refused or flagged."""

    __tablename__ = "parties_import_problem"
    __table_args__ = (Index("ix_parties_import_problem_run", "import_id", "row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(
        ForeignKey("parties_import.id", ondelete="CASCADE"), nullable=False)
    row: Mapped[int] = mapped_column(Integer, nullable=False)
    field: Mapped[str] = mapped_column(String(60), nullable=False)
    message: Mapped[str] = mapped_column(String(500), nullable=False)
    flag_only: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
