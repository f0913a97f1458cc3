"""``kontora config``: the effective settings, secrets masked."""

from __future__ import annotations

import click

from core.config import ConfigError, load_settings


@click.command("config")
def config_command() -> None:
    """Print the effective configuration (environment plus defaults), secrets masked."""
    try:
        settings = load_settings()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    for key, value in settings.masked().items():
        click.echo(f"{key}={value}")
