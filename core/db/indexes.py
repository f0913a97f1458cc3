"""Indexes that exist on PostgreSQL only, declared on the model so migrations stay honest.

A list's search box matches ``ILIKE '%word%'``, which no B-tree serves; on PostgreSQL a GIN
index of trigrams (extension ``pg_trgm``) does. SQLite has neither, so such an index is
declared with ``ddl_if(dialect="postgresql")``: ``create_all`` skips it elsewhere and the
migrations' autogenerate compares it only on PostgreSQL (``core.migrations.ownership``).
The migration that creates it runs its step only when
``op.get_bind().dialect.name == "postgresql"``, after ``CREATE EXTENSION IF NOT EXISTS
pg_trgm`` (a trusted extension since PostgreSQL 13: the database owner may create it).
"""

from __future__ import annotations

from sqlalchemy import Index


def trigram_index(table: str, column: str) -> Index:
    """A PostgreSQL-only GIN trigram index ``ix_<table>_<column>_trgm`` on ``column``."""
    index = Index(f"ix_{table}_{column}_trgm", column, postgresql_using="gin",
                  postgresql_ops={column: "gin_trgm_ops"})
    index.ddl_if(dialect="postgresql")
    return index


def dialect_only(index: object) -> str | None:
    """The one dialect ``index`` is created on (``ddl_if(dialect=...)``), else ``None``."""
    condition = getattr(index, "_ddl_if", None)
    dialect = getattr(condition, "dialect", None)
    return dialect if isinstance(dialect, str) else None
