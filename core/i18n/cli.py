"""``kontora i18n extract|update|check``: keep the kernel's or a plugin's catalogs current."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from babel.messages.pofile import write_po

from core import registry
from core.i18n import LANGUAGES
from core.i18n.catalogs import KERNEL_TRANSLATIONS
from core.i18n.extraction import (
    KERNEL_ROOT,
    TRANSLATED_LANGUAGES,
    extract,
    missing_translations,
    update,
    write_catalog,
)

TARGET_HELP = "core (default), the name of an installed plugin, or a plugin package folder"


def resolve_target(target: str) -> Path:
    """The package folder for ``core``, a plugin name or a path to a plugin package."""
    if target == "core":
        return KERNEL_ROOT
    folder = Path(target)
    if folder.is_dir():
        return folder.resolve()
    available = registry.discover()
    if target in available:
        return available[target].path
    known = ", ".join(["core", *sorted(available)])
    raise click.BadParameter(f"{target!r} is neither a folder nor a plugin; known: {known}",
                             param_hint="TARGET")


@click.group("i18n")
def i18n_group() -> None:
    """Translation catalogs of the kernel and the plugins (English, ro, bg, ru)."""


@i18n_group.command("extract")
@click.argument("target", default="core")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the template here instead of printing it.")
def extract_command(target: str, output: Path | None) -> None:
    """Print (or write) the .pot template of TARGET's translatable strings."""
    template = extract(resolve_target(target))
    if output is None:
        write_po(sys.stdout.buffer, template, width=100, include_lineno=False)
    else:
        write_catalog(template, output)
        click.echo(f"{len(template)} strings written to {output}")


@i18n_group.command("update")
@click.argument("target", default="core")
def update_command(target: str) -> None:
    """Add new strings of TARGET to its en, ro, bg and ru catalogs, drop vanished ones."""
    root = resolve_target(target)

    counts = update(root, root / "translations", LANGUAGES)
    for language, count in counts.items():
        if language in TRANSLATED_LANGUAGES:
            click.echo(f"{language}: {count} untranslated")


@i18n_group.command("check")
@click.argument("target", default="core")
def check_command(target: str) -> None:
    """List TARGET's strings that lack a ro, bg or ru translation; fail if there are any."""
    root = resolve_target(target)
    fallback = [] if root == KERNEL_ROOT else [KERNEL_TRANSLATIONS]
    problems = list(missing_translations(root, root / "translations", fallback))
    for problem in problems:
        click.echo(str(problem))
    if problems:
        raise click.ClickException(f"{len(problems)} translation problem(s)")
    click.echo("every string is translated")
