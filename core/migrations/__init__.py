"""Per-plugin Alembic migrations: one version branch per enabled plugin plus ``core``.

Use :class:`Migrations` (``Migrations(kontora(app)).upgrade()``) or the ``kontora db``
commands; ``docs/migrations.md`` explains the branch model.
"""

from core.migrations.commands import BranchState, Migrations
from core.migrations.config import MigrationError

__all__ = ["BranchState", "MigrationError", "Migrations"]
