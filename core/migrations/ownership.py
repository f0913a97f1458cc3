"""Which plugin owns which table, so each version branch holds only its own plugin's tables.

A mapped class belongs to the enabled plugin whose package holds its module; classes in
``core.*`` belong to the kernel branch ``core``. A plain ``Table`` names its owner in
``info={"plugin": NAME}``. Tables known only to the database (dropped models, disabled
plugins) are attributed by name prefix: ``core_<thing>`` to the kernel, ``<plugin>_<thing>``
to that plugin.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Table

from core.db import Base
from core.db.indexes import dialect_only
from core.registry import PluginSet

CORE = "core"


class TableOwners:
    """Owners of the tables in ``Base.metadata`` for one enabled plugin set.

    ``Base.metadata`` is shared by every application in the process, so tables of plugins
    that are not enabled here may be in it; they have no owner and are never migrated.
    """

    def __init__(self, plugins: PluginSet) -> None:
        self.branches = [CORE, *(p.name for p in plugins.enabled)]
        self._by_table: dict[str, str] = {}
        modules: dict[str, str] = {}
        for mapper in Base.registry.mappers:
            parent = mapper.inherits
            if parent is None or mapper.local_table is not parent.local_table:
                modules.setdefault(mapper.local_table.name, mapper.class_.__module__)
        for table in Base.metadata.tables.values():
            owner = self._owner_of_table(plugins, table, modules.get(table.name))
            if owner is not None:
                self._by_table[table.name] = owner

    def _owner_of_table(self, plugins: PluginSet, table: Table, module: str | None) -> str | None:
        if module is not None:
            if module == CORE or module.startswith(CORE + "."):
                return CORE
            info = plugins.owner_of(module)
            return info.name if info is not None else None
        declared = table.info.get("plugin")
        if declared is not None:
            return declared if declared in self.branches else None
        return self.by_prefix(table.name)

    def by_prefix(self, name: str) -> str | None:
        """The branch a table name points to by its ``<owner>_`` prefix (longest match)."""
        matches = [b for b in self.branches if name.startswith(b + "_")]
        return max(matches, key=len) if matches else None

    def owner(self, table_name: str) -> str | None:
        """The branch that owns ``table_name``, or ``None`` (not ours to migrate)."""
        if table_name in self._by_table:
            return self._by_table[table_name]
        if table_name in Base.metadata.tables:
            return None  # a model of a plugin that is not enabled here
        return self.by_prefix(table_name)

    def tables_of(self, branches: Iterable[str]) -> set[str]:
        """Names of the model tables owned by ``branches``."""
        wanted = set(branches)
        return {name for name, owner in self._by_table.items() if owner in wanted}

    def referenced_branches(self, branch: str) -> set[str]:
        """Other branches whose tables ``branch``'s tables point to by foreign key."""
        found = set()
        for name in self.tables_of([branch]):
            for fk in Base.metadata.tables[name].foreign_keys:
                target = self.owner(fk.target_fullname.rsplit(".", 1)[0])
                if target is not None and target != branch:
                    found.add(target)
        return found

    def include_name(self, branches: Iterable[str]):
        """An Alembic ``include_name`` hook that reflects only ``branches``' tables."""
        wanted = set(branches)

        def include(name: str | None, type_: str, _parents: dict) -> bool:
            return type_ != "table" or (name is not None and self.owner(name) in wanted)

        return include

    def include_object(self, branches: Iterable[str], dialect: str | None = None):
        """An Alembic ``include_object`` hook that compares only ``branches``' tables.

        An index the model creates on one dialect only (``core.db.indexes``) is compared
        on that dialect and ignored on others; without ``dialect`` it is compared only
        where the database has it.
        """
        wanted = set(branches)

        def include(obj: object, name: str | None, type_: str, reflected: bool,
                    compare_to: object) -> bool:
            if type_ == "index":
                only = dialect_only(compare_to if reflected else obj)
                if only is not None and only != dialect:
                    return dialect is None and (reflected or compare_to is not None)
            return type_ != "table" or (name is not None and self.owner(name) in wanted)

        return include
