"""``kontora plugins``: what is installed, what is enabled, and new plugin scaffolds."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from core import import_contracts, registry
from core.config import ConfigError, load_settings
from core.scaffold import ScaffoldError, create_plugin


@click.group("plugins")
def plugins_group() -> None:
    """Inspect installed plugins, scaffold new ones, write the import contracts."""


@plugins_group.command("list")
def list_command() -> None:
    """List installed plugins: name, enabled, version, depends and origin."""
    try:
        settings = load_settings()
        available = registry.discover()
        wanted = registry.parse_enabled(settings.plugins, available)
        problem = ""
        try:
            enabled = {p.name for p in registry.resolve(available, wanted)}
        except registry.PluginError as exc:
            enabled, problem = set(), str(exc)
    except (ConfigError, registry.PluginError) as exc:
        raise click.ClickException(str(exc)) from exc
    rows = [("NAME", "ENABLED", "VERSION", "DEPENDS", "ORIGIN")]
    for name in sorted(available):
        info = available[name]
        rows.append((name, "yes" if name in enabled else "no", info.manifest.version,
                     ",".join(info.manifest.depends) or "-", info.origin))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    if problem:
        raise click.ClickException(f"the enabled set cannot start: {problem}")


@plugins_group.command("new")
@click.argument("name")
@click.option("--directory", "-d", type=click.Path(file_okay=False, path_type=Path),
              default=Path("."), show_default=True, help="Where to create the package folder.")
def new_command(name: str, directory: Path) -> None:
    """Scaffold a partner plugin package NAME that installs and runs as it is.

    It holds the manifest and entry point, a model with the first migration of its branch,
    a page with a menu entry, and a test.
    """

    try:
        target = create_plugin(name, directory)
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"created {target}")
    click.echo(f"next: pip install -e {target} && KONTORA_PLUGINS=builtin,{name} "
               "kontora db upgrade")


@plugins_group.command("contracts")
@click.option("--extra", "extra", multiple=True, metavar="MODULE",
              help="Hook module of a plugin outside plugins/ to check too (test plugins).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default="-",
              show_default=True, help="File to write; - prints.")
def contracts_command(extra: tuple[str, ...], output: str) -> None:
    """Write the import-linter contracts that enforce the dependency rule.

    Read from the manifests of the built-in plugins plus the --extra ones; nothing is imported.
    Like lint-imports, --extra modules are looked up from the current directory too.
    """
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        text = import_contracts.render(registry.discover_builtin(),
                                       [registry.plugin_from_module(m) for m in extra])
    except registry.PluginError as exc:
        raise click.ClickException(str(exc)) from exc
    with click.open_file(output, "w", encoding="utf-8") as fh:
        fh.write(text)
