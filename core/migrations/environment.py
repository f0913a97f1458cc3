"""What ``env.py`` does: run migrations on the connection the calling command opened.

The command passes its connection and the table owners in ``config.attributes``;
``branch`` names the plugin an autogenerate compares (only that plugin's tables).
"""

from __future__ import annotations

from typing import Any

from alembic.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import column, table
from sqlalchemy.types import TypeDecorator

from core.db import Base

VERSION_TABLE = "alembic_version"


def run_migrations(ctx: EnvironmentContext) -> None:
    attrs = ctx.config.attributes
    owners = attrs["owners"]
    branches = [attrs["branch"]] if attrs.get("branch") else owners.branches
    ctx.configure(
        connection=attrs["connection"],
        target_metadata=Base.metadata,
        version_table=VERSION_TABLE,
        render_as_batch=True,  # SQLite alters tables by copy-and-move; PostgreSQL directly
        compare_type=True,
        include_name=owners.include_name(branches),
        include_object=owners.include_object(branches, attrs["connection"].dialect.name),
        render_item=render_storage_type,
    )
    rows = VersionRows(ctx.get_context(), ctx.script)
    rows.hide_unknown()
    rows.canonical()
    with ctx.begin_transaction():
        ctx.run_migrations()
    rows.explicit()


class VersionRows:
    """The rows of ``alembic_version``, kept as one row per branch between commands.

    Alembic keeps only the newest revisions and drops a row that another revision depends
    on (``core``'s row goes once a plugin's first revision, which depends on it, is applied).
    If that plugin is then disabled its scripts are not loaded, so its row can no longer say
    how far ``core`` got. Kontora therefore stores every branch's revision in its own row,
    shows Alembic its usual minimal set while scripts run, and hides rows of disabled
    plugins (kept for when the plugin comes back).
    """

    def __init__(self, migration: MigrationContext, script: ScriptDirectory) -> None:
        self.migration = migration
        self.script = script
        self.known = {s.revision for s in script.walk_revisions()}
        self.read_rows = migration.get_current_heads

    def hide_unknown(self) -> None:
        def known_heads() -> tuple[str, ...]:
            return tuple(h for h in self.read_rows() if h in self.known)

        self.migration.get_current_heads = known_heads  # type: ignore[method-assign]

    def applied(self) -> set[str]:
        """Every revision applied, following down revisions and dependencies."""
        return {s.revision for head in self.migration.get_current_heads()
                for s in self.script.iterate_revisions(head, "base")}

    def canonical(self) -> None:
        """Delete the rows Alembic would not keep: revisions implied by another row."""
        heads = self.migration.get_current_heads()
        implied = {s.revision for head in heads
                   for s in self.script.iterate_revisions(head, "base") if s.revision != head}
        self._delete(set(heads) & implied)

    def explicit(self) -> None:
        """Add a row for each branch whose newest applied revision has none."""
        applied = self.applied()
        rows = set(self.migration.get_current_heads())
        newest = set()
        for script in self.script.walk_revisions():  # newest first
            if script.revision in applied and not (set(script.nextrev) & applied):
                newest.add(script.revision)
        for revision in sorted(newest - rows):
            self._execute(self._table().insert().values(version_num=revision))

    def _delete(self, revisions: set[str]) -> None:
        if revisions:
            table = self._table()
            self._execute(table.delete().where(table.c.version_num.in_(sorted(revisions))))

    def _execute(self, statement: Any) -> None:
        self.migration.connection.execute(statement)  # type: ignore[union-attr]

    @staticmethod
    def _table() -> Any:
        return table(VERSION_TABLE, column("version_num"))


def render_storage_type(type_: str, obj: Any, _autogen: Any) -> str | bool:
    """Write Kontora's column types (Money, UTCDateTime, ...) as the SQL type they store.

    A migration is a snapshot: it must not change meaning when a Python type class does.
    """
    if type_ == "type" and isinstance(obj, TypeDecorator):
        impl = obj.impl_instance
        if type(impl).__module__.startswith("sqlalchemy."):
            return f"sa.{impl!r}"
    return False
