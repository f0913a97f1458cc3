"""Migration commands for one application: upgrade, revision, current, history, downgrade.

Every command opens its own connection and passes it to ``env.py``; on SQLite foreign-key
enforcement is off while scripts run (batch ALTERs copy and drop tables, which would
cascade) and the result is checked with ``PRAGMA foreign_key_check`` before commit.
"""

from __future__ import annotations

import shutil
import tempfile
from argparse import Namespace
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import Script, ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, text
from sqlalchemy.engine import Engine

from core.db.session import make_engine
from core.migrations.config import MigrationError, branch_dirs, make_config
from core.migrations.environment import VersionRows
from core.migrations.ownership import CORE, TableOwners

PACKAGE_DOC = '"""Alembic version branch of this plugin (``kontora db revision --plugin {}``)."""\n'


@dataclass(frozen=True)
class BranchState:
    """Where one branch stands: the revision applied in the database and the newest script."""

    branch: str
    applied: str | None
    head: str | None

    @property
    def up_to_date(self) -> bool:
        return self.applied == self.head


class Migrations:
    """The migration branches of one application (``k`` from :func:`core.app.kontora`)."""

    def __init__(self, k: Any, branches: Sequence[str] | None = None) -> None:
        self.k = k
        self.owners = TableOwners(k.plugins)
        self.dirs = branch_dirs(k.plugins)
        self.branches = list(branches or self.dirs)

    # -- reading -----------------------------------------------------------------------

    def config(self, connection: Connection | None = None, branch: str | None = None) -> Config:
        cfg = make_config(self.dirs, self.branches)
        cfg.cmd_opts = Namespace(quiet=True)  # the CLI reports in its own words
        cfg.attributes.update(connection=connection, owners=self.owners, branch=branch)
        return cfg

    def scripts(self) -> ScriptDirectory:
        return ScriptDirectory.from_config(self.config())

    def branch_of(self, script: Script) -> str:
        folder = Path(script.path).parent.resolve()
        for name, path in self.dirs.items():
            if path.resolve() == folder:
                return name
        raise MigrationError(f"revision {script.revision} in {folder} belongs to no branch")

    def heads(self) -> dict[str, str]:
        """The newest revision of every branch that has scripts."""
        scripts = self.scripts()
        return {self.branch_of(scripts.get_revision(h)): h for h in scripts.get_heads()}

    def history(self, branch: str | None = None) -> list[tuple[str, Script]]:
        """``(branch, script)`` pairs, newest first, optionally of one branch."""
        if branch is not None:
            self.check_branch(branch)
        scripts = self.scripts()
        pairs = [(self.branch_of(s), s) for s in scripts.walk_revisions()]
        return [p for p in pairs if branch is None or p[0] == branch]

    def current(self, engine: Engine | None = None) -> list[BranchState]:
        """Every branch's applied revision next to its head, in dependency order."""
        heads = self.heads()
        scripts = self.scripts()
        with (engine or self.k.db.engine).connect() as conn:
            rows = VersionRows(MigrationContext.configure(conn), scripts)
            rows.hide_unknown()
            done = rows.applied()
        applied: dict[str, str] = {}
        for branch, script in self.history():  # newest first
            if script.revision in done:
                applied.setdefault(branch, script.revision)
        return [BranchState(b, applied.get(b), heads.get(b)) for b in self.branches]

    def check_branch(self, branch: str) -> Path:
        """The folder of ``branch``; a clear error for unknown and disabled plugins."""
        if branch in self.dirs:
            return self.dirs[branch]
        if branch in self.k.plugins.available:
            raise MigrationError(
                f"plugin {branch!r} is installed but not enabled; add it to KONTORA_PLUGINS "
                "to migrate it"
            )
        known = ", ".join(self.dirs)
        raise MigrationError(f"unknown plugin {branch!r}; branches of this instance: {known}")

    # -- changing the database -----------------------------------------------------------

    @contextmanager
    def connection(self, engine: Engine | None = None) -> Iterator[Connection]:
        """One transaction for a whole command, foreign keys checked at the end on SQLite."""
        engine = engine or self.k.db.engine
        with engine.connect() as conn:
            sqlite = engine.dialect.name == "sqlite"
            if sqlite:  # must be set outside a transaction, hence on the driver connection
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
            try:
                with conn.begin():
                    yield conn
                    if sqlite:
                        _check_foreign_keys(conn)
            finally:
                if sqlite:
                    conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")

    def upgrade(self, engine: Engine | None = None) -> list[tuple[BranchState, str | None]]:
        """Bring every branch to its head; returns ``(state before, revision after)`` per
        branch that moved."""
        before = self.current(engine)
        with self.connection(engine) as conn:
            self._run(command.upgrade, self.config(conn), "heads")
        after = {s.branch: s.applied for s in self.current(engine)}
        return [(s, after[s.branch]) for s in before if after[s.branch] != s.applied]

    def downgrade(self, branch: str, target: str = "-1") -> None:
        """Step ``branch`` back one revision, or to ``target`` (a revision or ``base``).

        Branches that depend on the removed revisions are stepped back with it.
        """
        self.check_branch(branch)
        dest = f"{branch}@{target}" if target in ("base", "-1") else target
        with self.connection() as conn:
            self._run(command.downgrade, self.config(conn), dest)

    def revision(self, branch: str, message: str, *, empty: bool = False,
                 rev_id: str | None = None, engine: Engine | None = None) -> Path | None:
        """Write a revision into ``branch``'s folder; ``None`` when nothing changed.

        Autogenerate compares only the branch's tables against the database, which must be
        at head. The first revision of a branch carries its label and depends on the heads
        of the branches its tables point to by foreign key.
        """
        folder = self.check_branch(branch)
        heads = self.heads()
        referenced = self.owners.referenced_branches(branch)
        missing = sorted(b for b in referenced if b not in heads)
        if missing:
            raise MigrationError(
                f"{branch!r} has foreign keys to tables of {', '.join(missing)}, which have no "
                "migrations yet; create those first"
            )
        if branch in heads:
            head, label = f"{branch}@head", None
            reached = {s.revision for s in self.scripts().iterate_revisions(heads[branch],
                                                                              "base")}
            depends = sorted(heads[b] for b in referenced if heads[b] not in reached)
        else:
            head, label = "base", branch
            depends = sorted(heads[b] for b in referenced)

        folder.mkdir(parents=True, exist_ok=True)
        init = folder / "__init__.py"
        if not init.exists():
            init.write_text(PACKAGE_DOC.format(branch), encoding="utf-8")

        def skip_empty(_context: Any, _revision: Any, directives: list) -> None:
            if not empty and directives[0].upgrade_ops.is_empty():
                directives[:] = []

        with self.connection(engine) as conn:
            script = self._run(
                command.revision, self.config(conn, branch=branch), message=message,
                autogenerate=not empty, head=head, branch_label=label, version_path=str(folder),
                rev_id=rev_id, depends_on=depends or None,
                process_revision_directives=skip_empty,
            )
        return Path(script.path) if isinstance(script, Script) else None

    def squash(self, branch: str, message: str) -> Path:
        """Replace ``branch``'s scripts by one initial revision that keeps the initial id.

        For a branch no installed database has yet (before a release): the kernel's branch
        is regenerated this way after kernel tables change. Branches depending on the
        initial revision stay valid; a dependency on a later revision stops the squash.
        """
        folder = self.check_branch(branch)
        branch_scripts = [s for b, s in self.history() if b == branch]
        if not branch_scripts:
            raise MigrationError(f"{branch!r} has no migrations to squash; use `db revision`")
        initial = branch_scripts[-1].revision
        later = {s.revision for s in branch_scripts[:-1]}
        for other, script in self.history():
            clash = later & set(script.dependencies or ())
            if other != branch and clash:
                raise MigrationError(f"revision {script.revision} of {other!r} depends on "
                                     f"{', '.join(sorted(clash))}; squashing would break it")
        own = [*self._branch_closure(branch)]
        narrowed = Migrations(self.k, own)
        with tempfile.TemporaryDirectory() as tmp:
            backup = Path(tmp) / "backup"
            backup.mkdir()
            files = [Path(s.path) for s in branch_scripts]
            for path in files:
                shutil.move(path, backup / path.name)
            engine = make_engine(f"sqlite:///{Path(tmp) / 'squash.db'}")
            try:
                narrowed.upgrade(engine)
                path = narrowed.revision(branch, message, rev_id=initial, engine=engine)
                if path is None:
                    raise MigrationError(f"{branch!r} owns no tables; its scripts were kept")
            except BaseException:
                for saved in backup.iterdir():
                    shutil.move(saved, folder / saved.name)
                raise
            finally:
                engine.dispose()
        return path

    def _branch_closure(self, branch: str) -> list[str]:
        """``branch``, the kernel and the plugins it depends on, in dependency order."""
        if branch == CORE:
            return [CORE]
        needed = {branch}
        for info in reversed(self.k.plugins.enabled):
            if info.name in needed:
                needed.update(info.manifest.depends)
        return [b for b in self.dirs if b == CORE or b in needed]

    @staticmethod
    def _run(fn: Any, cfg: Config, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(cfg, *args, **kwargs)
        except CommandError as exc:
            if "not up to date" in str(exc):
                raise MigrationError("the database is behind its migrations; run "
                                     "`kontora db upgrade` first") from exc
            raise MigrationError(str(exc)) from exc


def _check_foreign_keys(conn: Connection) -> None:
    broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
    if broken:
        tables = ", ".join(sorted({row[0] for row in broken}))
        raise MigrationError(f"migration left rows with dangling foreign keys in: {tables}")
