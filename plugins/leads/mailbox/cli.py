"""``kontora mailbox fetch``: read every configured mailbox now, from a shell or cron."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from plugins.leads.mailbox.sources import fetch_all


@click.group("mailbox")
def mailbox_group() -> None:
    """The company mailbox."""


@mailbox_group.command("fetch")
@with_appcontext
def fetch_command() -> None:
    """Read every configured mailbox now; one line per folder, exit status 1 if any failed."""
    results = fetch_all()
    if not results:
        click.echo("no mailbox is configured (KONTORA_MAILBOX_URL or the mailbox settings)")
        return
    for result in results:
        line = (f"{result.folder}: {result.imported} imported, {result.quarantined} "
                f"quarantined, {result.errors} errors")
        click.echo(line + (f" ({result.error})" if result.error else ""))
    if any(result.errors for result in results):
        raise SystemExit(1)
