"""Re-pointing rows from one record to another when two records are merged.

Implementations of the ``kontora_merge_records`` hook call :func:`move_rows` for each of
their tables. A plain ``UPDATE`` would fail where the target already holds an equivalent
row (a tag both clients carry, a product both are subscribed to); such source rows are
dropped first, so the target's row wins. Partial unique indexes (``... WHERE is_default``)
are not looked at: what "default" means after a merge is the owning plugin's decision.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Index,
    Table,
    UniqueConstraint,
    delete,
    exists,
    select,
    update,
)
from sqlalchemy.orm import Session


def move_rows(session: Session, table: Table, column: str | Column, source_id: int,
              target_id: int, *, where: ColumnElement[bool] | None = None) -> int:
    """Point ``table.column`` rows from ``source_id`` to ``target_id``; return how many.

    ``where`` narrows the rows (``table.c.record_kind == "parties.client"`` for generic
    links). Source rows that would clash with a unique key of the target are deleted and
    counted too: afterwards none of them refers to the source.
    """
    col = table.c[column] if isinstance(column, str) else column
    conditions = [col == source_id] + ([where] if where is not None else [])
    dropped = 0
    for unique in _unique_sets(table, col):
        other = table.alias()
        same = [other.c[col.name] == target_id]
        same += [other.c[c.name] == c for c in unique if c is not col]
        stmt = delete(table).where(*conditions, exists(select(1).select_from(other)
                                                       .where(*same)))
        dropped += session.execute(stmt).rowcount or 0
    moved = session.execute(update(table).where(*conditions).values({col.name: target_id}))
    return dropped + (moved.rowcount or 0)


def _unique_sets(table: Table, col: Column) -> Iterator[list[Any]]:
    """The column lists of every unconditional unique key of ``table`` that holds ``col``."""
    if col.primary_key:
        yield list(table.primary_key.columns)
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint) and col.name in constraint.columns:
            yield list(constraint.columns)
    for index in table.indexes:
        if (isinstance(index, Index) and index.unique and col.name in index.columns
                and not any(k.endswith("_where") and v is not None
                            for k, v in index.dialect_kwargs.items())):
            yield list(index.columns)
