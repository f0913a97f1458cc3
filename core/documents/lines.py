"""Moving and copying the lines of a document (offer, order ...): one rule for every plugin.

A plugin keeps its lines in an ordered relationship and renumbers them after a change;
these helpers only change the order or add a copy, so each plugin's totals and revision
rules stay its own.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate
from sqlalchemy import inspect


class LinePositionSchema(Schema):
    """Where a line goes: its new 1-based position (past the end means last)."""

    position = fields.Integer(required=True, strict=False,
                              validate=validate.Range(min=1, max=100000))


def move_line(lines: list[Any], line: Any, position: int) -> None:
    """Put ``line`` at 1-based ``position`` of ``lines`` (clamped to the list)."""
    lines.remove(line)
    lines.insert(min(max(position, 1), len(lines) + 1) - 1, line)


def copy_line(line: Any, *, skip: tuple[str, ...] = ()) -> Any:
    """An unsaved copy of ``line``: every column but the primary key and ``skip``."""
    mapper = inspect(type(line))
    keys = {column.key for column in mapper.primary_key} | set(skip)
    return type(line)(**{attr.key: getattr(line, attr.key) for attr in mapper.column_attrs
                         if attr.key not in keys})
