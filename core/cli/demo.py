"""``kontora demo``: demo data contributed by every enabled plugin."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from core.kernel import kontora


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Load demo records from every enabled plugin in dependency order, in one unit of work."""
    k = kontora()
    with k.db.unit() as session:
        k.call_in_order("kontora_demo_data", session=session)
    click.echo(f"demo data loaded for: {', '.join(p.name for p in k.plugins.enabled) or 'kernel'}")
