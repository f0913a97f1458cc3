"""What the models of this plugin share: check constraints and the optional record link."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import RecordLinkMixin


def one_of(column: str, values: tuple[str, ...]) -> str:
    """SQL for "``column`` holds one of ``values``" (a CHECK constraint body)."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class OptionalRecordLink(RecordLinkMixin):
    """:class:`core.db.RecordLinkMixin` whose pair may be empty: the row is standalone.

    Both or neither are set (a CHECK constraint on each table says so). The models
    declare the ``ix_<table>_record`` index themselves, beside their other constraints.
    """

    record_kind: Mapped[str | None] = mapped_column(String(64), nullable=True)  # type: ignore[assignment]
    record_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # type: ignore[assignment]


LINK_PAIRED = "(record_kind IS NULL) = (record_id IS NULL)"
