"""``kontora users create|list|set-password|disable`` and ``kontora roles sync``.

For scripts (the Makefile's quickstart): ``kontora users create admin --admin
--password-from-env KONTORA_ADMIN_PASSWORD`` never prompts.
"""

from __future__ import annotations

import os

import click
from flask.cli import with_appcontext
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.errors import KontoraError
from core.i18n import LANGUAGES
from core.identity.models import User
from core.identity.users import create_user, disable_user, find_user, set_password
from core.kernel import kontora
from core.permissions import seed_roles


def _unit():
    return kontora().db.unit()


def _password(password: str | None, from_env: str | None, prompt: bool) -> str | None:
    if password is not None and from_env is not None:
        raise click.UsageError("give --password or --password-from-env, not both")
    if from_env is not None:
        value = os.environ.get(from_env)
        if not value:
            raise click.UsageError(f"environment variable {from_env} is empty or not set")
        return value
    if password is None and prompt:
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


def _fail(exc: KontoraError) -> None:
    details = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.fields.items())
    raise click.ClickException(f"{exc.message}{' (' + details + ')' if details else ''}")


@click.group("users")
def users_group() -> None:
    """Staff accounts."""


@users_group.command("create")
@click.argument("login")
@click.option("--name", help="Full name (default: the login).")
@click.option("--email", help="E-mail address, for password reset links.")
@click.option("--admin", "is_admin", is_flag=True, help="Grant the admin role.")
@click.option("--role", "roles", multiple=True, help="Grant this role (repeatable).")
@click.option("--password", help="The password (visible in shell history; prefer the prompt).")
@click.option("--password-from-env", metavar="VAR", help="Read the password from variable VAR.")
@click.option("--no-password", is_flag=True, help="Create without a password (reset by e-mail).")
@click.option("--exist-ok", is_flag=True, help="Succeed quietly if the login exists already.")
@click.option("--language", type=click.Choice(list(LANGUAGES)),
              help="Interface language (default: follow the browser's).")
@with_appcontext
def create_user_command(login: str, name: str | None, email: str | None, is_admin: bool,
                        roles: tuple[str, ...], password: str | None,
                        password_from_env: str | None, no_password: bool,
                        exist_ok: bool, language: str | None) -> None:
    """Create staff user LOGIN, seeding the default roles first."""

    secret = None if no_password else _password(password, password_from_env, prompt=True)
    wanted = [*roles, *(["admin"] if is_admin else [])]
    with _unit() as s:
        seed_roles(s)
        if exist_ok and find_user(login) is not None:
            click.echo(f"user {login!r} exists already; left unchanged")
            return
        try:
            user = create_user(login, name or login, email=email, password=secret, roles=wanted,
                               language=language)
        except KontoraError as exc:
            _fail(exc)
        click.echo(f"created user {user.login!r} (id {user.id}, "
                   f"roles: {', '.join(wanted) or 'none'}, "
                   f"password: {'set' if secret else 'none'})")


@users_group.command("list")
@with_appcontext
def list_users_command() -> None:
    """List staff users with their roles."""

    with _unit() as s:
        users = s.scalars(select(User).options(selectinload(User.roles)).order_by(User.login))
        for user in users:
            roles = ",".join(r.name for r in user.roles) or "-"
            state = "active" if user.active else "disabled"
            click.echo(f"{user.id}\t{user.login}\t{user.name}\t{user.email or '-'}\t"
                       f"{state}\t{roles}")


@users_group.command("set-password")
@click.argument("login")
@click.option("--password", help="The new password.")
@click.option("--password-from-env", metavar="VAR", help="Read the password from variable VAR.")
@with_appcontext
def set_password_command(login: str, password: str | None,
                         password_from_env: str | None) -> None:
    """Set the password of LOGIN (its open sessions and reset links stop working)."""

    secret = _password(password, password_from_env, prompt=True)
    with _unit():
        user = find_user(login)
        if user is None:
            raise click.ClickException(f"no user {login!r}")
        try:
            set_password(user, secret or "")
        except KontoraError as exc:
            _fail(exc)
        click.echo(f"password of {user.login!r} changed")


@users_group.command("disable")
@click.argument("login")
@with_appcontext
def disable_command(login: str) -> None:
    """Disable LOGIN: it can no longer sign in, and its sessions and API tokens stop."""

    with _unit():
        user = find_user(login)
        if user is None:
            raise click.ClickException(f"no user {login!r}")
        disable_user(user)
        click.echo(f"user {user.login!r} disabled")


@click.group("roles")
def roles_group() -> None:
    """Roles and their permissions."""


@roles_group.command("sync")
@with_appcontext
def sync_roles_command() -> None:
    """Create missing default roles and update the ones no admin has edited."""

    with _unit() as s:
        changed = seed_roles(s)
    click.echo(f"roles updated: {', '.join(changed)}" if changed else "roles are up to date")
