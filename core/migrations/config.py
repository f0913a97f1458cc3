"""The Alembic configuration of one Kontora application, built in code (no ``alembic.ini``).

Branches are the kernel's ``core`` plus one per enabled plugin, in dependency order; each
branch's scripts live in its own folder. Only enabled plugins' folders are version
locations, so a disabled plugin's scripts are never loaded.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from alembic.config import Config

from core.migrations.ownership import CORE
from core.registry import PluginSet

SCRIPT_LOCATION = Path(__file__).parent
CORE_VERSIONS = SCRIPT_LOCATION / "versions"
# Date-stamped names sort by creation; "%%" because Config values go through configparser.
FILE_TEMPLATE = "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s"


class MigrationError(RuntimeError):
    """A migration command cannot do what was asked; the message says why and what to do."""


def branch_dirs(plugins: PluginSet) -> dict[str, Path]:
    """Folder of every branch: ``core/migrations/versions`` and ``<plugin>/migrations``."""
    dirs = {CORE: CORE_VERSIONS}
    for info in plugins.enabled:
        dirs[info.name] = info.path / "migrations"
    return dirs


def make_config(dirs: dict[str, Path], branches: Sequence[str] | None = None) -> Config:
    """An Alembic config whose version locations are the existing folders of ``branches``."""
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION))
    cfg.set_main_option("path_separator", "os")
    locations = [dirs[b] for b in (branches or dirs) if dirs[b].is_dir()]
    cfg.set_main_option("version_locations", os.pathsep.join(str(p) for p in locations))
    cfg.set_main_option("file_template", FILE_TEMPLATE)
    cfg.set_main_option("timezone", "UTC")
    return cfg
