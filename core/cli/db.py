"""``kontora db``: upgrade, create and inspect the per-plugin migration branches."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

import click
from flask.cli import with_appcontext

from core.kernel import kontora
from core.migrations import MigrationError, Migrations

PLUGIN_HELP = "Branch to work on: an enabled plugin's name, or 'core' for the kernel."


def _migrations(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Give the command the app's :class:`Migrations`; turn migration errors into messages."""

    @with_appcontext
    @wraps(fn)
    def command(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(Migrations(kontora()), *args, **kwargs)
        except MigrationError as exc:
            raise click.ClickException(str(exc)) from exc

    return command


def _short(rev: str | None) -> str:
    return rev or "-"


@click.group("db")
def db_group() -> None:
    """Database migrations: one Alembic branch per enabled plugin plus 'core'."""


@db_group.command("upgrade")
@_migrations
def upgrade_command(m: Migrations) -> None:
    """Bring the kernel and every enabled plugin to its newest revision."""
    moved = m.upgrade()
    for before, after in moved:
        click.echo(f"{before.branch}: {before.applied or 'empty'} -> {after}")
    if not moved:
        click.echo("nothing to migrate: every branch is at its head")
    k = kontora()
    with k.db.unit() as session:
        k.call_in_order("kontora_after_upgrade", session=session)


@db_group.command("revision")
@click.option("--plugin", "branch", required=True, help=PLUGIN_HELP)
@click.option("-m", "--message", required=True, help="What the revision changes.")
@click.option("--empty", is_flag=True, help="Write an empty script instead of comparing models.")
@_migrations
def revision_command(m: Migrations, branch: str, message: str, empty: bool) -> None:
    """Autogenerate a revision of one plugin's tables into its migrations/ folder."""
    path = m.revision(branch, message, empty=empty)
    if path is None:
        click.echo(f"no changes in the tables of {branch!r}; nothing written "
                   "(--empty writes a script for hand-written steps)")
    else:
        click.echo(f"wrote {path}")


@db_group.command("current")
@_migrations
def current_command(m: Migrations) -> None:
    """Show each branch's revision in the database next to its newest script."""
    for state in m.current():
        if state.head is None:
            status = "no migrations"
        elif state.applied is None:
            status = "not upgraded yet"
        elif state.up_to_date:
            status = "head"
        else:
            status = f"behind (head {state.head})"
        click.echo(f"{state.branch}: {_short(state.applied)} ({status})")


@db_group.command("heads")
@_migrations
def heads_command(m: Migrations) -> None:
    """Show the newest revision of every branch."""
    for branch, head in m.heads().items():
        click.echo(f"{branch}: {head}")


@db_group.command("history")
@click.option("--plugin", "branch", default=None, help=PLUGIN_HELP)
@_migrations
def history_command(m: Migrations, branch: str | None) -> None:
    """List revisions, newest first, of every branch or one."""
    for name, script in m.history(branch):
        click.echo(f"{name}: {script.revision} <- {_short(script.down_revision)}  "
                   f"{script.doc}")


@db_group.command("downgrade")
@click.option("--plugin", "branch", required=True, help=PLUGIN_HELP)
@click.option("--to", "target", default="-1", show_default=True,
              help="'-1' (one step), 'base' (drop the branch's tables) or a revision.")
@_migrations
def downgrade_command(m: Migrations, branch: str, target: str) -> None:
    """Step one branch back; branches depending on it are stepped back too."""
    m.downgrade(branch, target)
    for state in m.current():
        click.echo(f"{state.branch}: {_short(state.applied)}")


@db_group.command("squash")
@click.option("--plugin", "branch", required=True, help=PLUGIN_HELP)
@click.option("-m", "--message", required=True, help="Docstring of the regenerated revision.")
@_migrations
def squash_command(m: Migrations, branch: str, message: str) -> None:
    """Regenerate a branch as one initial revision (keeps its id; before a release only)."""
    click.echo(f"wrote {m.squash(branch, message)}")
