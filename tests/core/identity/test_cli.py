"""``kontora users create|list|set-password|disable`` and ``kontora roles sync``."""

from __future__ import annotations

from sqlalchemy import select

from core.identity.models import User
from core.identity.users import authenticate
from core.kernel import kontora
from core.permissions.models import Role


def _user(app, login: str) -> User | None:
    with app.app_context(), kontora(app).db.unit() as s:
        user = s.scalar(select(User).where(User.login == login))
        if user is not None:
            s.expunge(user)
        return user


def test_create_admin_non_interactively_then_list(app, monkeypatch):
    monkeypatch.setenv("ADMIN_PW", "admin password 1")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "admin", "--admin", "--email",
                                 "admin@example.com", "--password-from-env", "ADMIN_PW"])
    assert result.exit_code == 0, result.output
    assert "created user 'admin'" in result.output
    assert "roles: admin" in result.output

    with app.app_context(), kontora(app).db.unit() as s:
        assert authenticate("admin", "admin password 1") is not None
        assert s.scalar(select(Role.grants_all).where(Role.name == "admin")) is True

    listing = runner.invoke(args=["users", "list"])
    assert "admin@example.com" in listing.output and "\tadmin\n" in listing.output

    again = runner.invoke(args=["users", "create", "admin", "--password", "whatever12",
                                "--exist-ok"])
    assert again.exit_code == 0 and "exists already" in again.output
    clash = runner.invoke(args=["users", "create", "admin", "--password", "whatever12"])
    assert clash.exit_code != 0


def test_password_prompt_set_password_and_disable(app):
    runner = app.test_cli_runner()
    created = runner.invoke(args=["users", "create", "ana", "--role", "salesperson"],
                            input="first password\nfirst password\n")
    assert created.exit_code == 0, created.output

    short = runner.invoke(args=["users", "set-password", "ana", "--password", "short"])
    assert short.exit_code != 0 and "password" in short.output
    changed = runner.invoke(args=["users", "set-password", "ana", "--password",
                                  "second password"])
    assert changed.exit_code == 0, changed.output
    with app.app_context(), kontora(app).db.unit():
        assert authenticate("ana", "first password") is None
        assert authenticate("ana", "second password") is not None

    assert runner.invoke(args=["users", "disable", "ana"]).exit_code == 0
    assert _user(app, "ana").active is False
    assert runner.invoke(args=["users", "disable", "nobody"]).exit_code != 0


def test_unknown_role_is_refused(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "bob", "--role", "wizard", "--no-password"])
    assert result.exit_code != 0
    assert "wizard" in result.output
    assert _user(app, "bob") is None


def test_roles_sync_reports_what_it_made(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["roles", "sync"])
    assert "salesperson" in first.output
    assert runner.invoke(args=["roles", "sync"]).output.strip() == "roles are up to date"


def test_created_users_follow_the_browser_unless_given_a_language(app):
    runner = app.test_cli_runner()
    plain = runner.invoke(args=["users", "create", "ana", "--no-password"])
    assert plain.exit_code == 0, plain.output
    assert _user(app, "ana").language is None
    chosen = runner.invoke(args=["users", "create", "ion", "--no-password", "--language", "ro"])
    assert chosen.exit_code == 0, chosen.output
    assert _user(app, "ion").language == "ro"
    unknown = runner.invoke(args=["users", "create", "eva", "--no-password", "--language", "de"])
    assert unknown.exit_code != 0 and _user(app, "eva") is None
