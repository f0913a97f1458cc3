"""``kontora plugins new``: a partner plugin package that installs and runs as it is.

The files under ``template/`` end in ``.tmpl`` (so no tool mistakes them for code) and use
``string.Template`` placeholders (``$name``, ``$package`` ...), which leave the Jinja2
``{{ }}`` of the generated page templates alone. Path parts ``__package__`` and ``__name__``
are replaced by the package and plugin names.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from string import Template

TEMPLATE_DIR = Path(__file__).parent / "template"
NAME_RE = re.compile(r"^[a-z][a-z0-9_]{1,19}$")


class ScaffoldError(ValueError):
    """The plugin cannot be scaffolded as asked; the message says why."""


@dataclass(frozen=True)
class Names:
    """Every spelling of the new plugin's name the templates need."""

    name: str  # plugin name, manifest and migration branch label: "fleet"
    package: str  # importable package: "kontora_fleet"
    dist: str  # distribution on PyPI: "kontora-fleet"
    title: str  # "Fleet"
    model: str  # the first model class: "FleetItem"
    table: str  # its table: "fleet_item"
    revision: str  # id of the branch's first migration
    created: datetime

    @classmethod
    def of(cls, name: str) -> Names:
        if not NAME_RE.match(name) or name.endswith("_") or "__" in name:
            raise ScaffoldError(
                f"plugin name {name!r} must be 2-20 lowercase letters, digits and single "
                "underscores, starting with a letter (it names tables, routes and permissions)"
            )
        words = name.split("_")
        return cls(name=name, package=f"kontora_{name}", dist="kontora-" + "-".join(words),
                   title=" ".join(words).capitalize(),
                   model="".join(w.capitalize() for w in words) + "Item",
                   table=f"{name}_item", revision=uuid.uuid4().hex[:12],
                   created=datetime.now(UTC))

    def substitutions(self) -> dict[str, str]:
        return {
            "name": self.name, "package": self.package, "dist": self.dist, "title": self.title,
            "model": self.model, "table": self.table, "revision": self.revision,
            "create_date": self.created.isoformat(sep=" "),
        }

    def path_part(self, part: str) -> str:
        return part.replace("__package__", self.package).replace("__name__", self.name)


def create_plugin(name: str, directory: Path) -> Path:
    """Write the package for plugin ``name`` into ``directory/<dist>``; return that folder."""
    names = Names.of(name)
    target = directory / names.dist
    if target.exists():
        raise ScaffoldError(f"{target} already exists; choose another name or --directory")
    values = names.substitutions()
    for source in sorted(TEMPLATE_DIR.rglob("*.tmpl")):
        relative = source.relative_to(TEMPLATE_DIR).with_suffix("")
        parts = [names.path_part(p) for p in relative.parts]
        if parts[-1] == "first_migration.py":
            parts[-1] = f"{names.created:%Y%m%d}_{names.revision}_create_{names.table}.py"
        out = target.joinpath(*parts)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(Template(source.read_text(encoding="utf-8")).substitute(values),
                       encoding="utf-8")
    return target
