"""Fixtures for the activities tests: users with chosen permissions and a client to hang on.

Clients are made through the ``parties.client`` record kind's model, the way the plugin
itself reaches them, so these tests need no ``parties`` service.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.db import session
from core.identity.models import Team, User
from core.identity.users import staff_principal
from core.kernel import kontora
from core.permissions.models import Role, RolePermission
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)

EVERYTHING = ["activities.read", "activities.write", "tasks.read", "tasks.write",
              "tasks.assign", "parties.read", "parties.write"]
WORKER = ["activities.read", "activities.write", "tasks.read", "tasks.write", "parties.read"]


def make_user(login: str, permissions: list[str], scope: str = "all", *,
              email: str | None = None, language: str = "en", team: str | None = None) -> User:
    """A staff user holding ``permissions`` at ``scope``, inside the open unit of work."""
    role = Role(name=f"role-{login}", label=f"Role of {login}", default_scope=scope,
                permissions=[RolePermission(permission=p) for p in permissions])
    user = User(login=login, name=login.title(), email=email, language=language)
    user.roles.append(role)
    if team:
        user.teams.append(session().query(Team).filter_by(name=team).one_or_none()
                          or Team(name=team))
    session().add(user)
    session().flush()
    return user


def make_client(name: str, owner: User | int | None = None) -> Any:
    """A client row (``parties.client``) owned by ``owner`` (a user or a user id)."""
    model = kontora().kinds["parties.client"].model
    client = model(kind="legal_entity", status="customer", name=name, name_key=name.lower(),
                   country="RO", relationship_type="customer",
                   owner_id=owner.id if isinstance(owner, User) else owner)
    session().add(client)
    session().flush()
    return client


def as_staff(user: User) -> Any:
    return staff_principal(user)


@pytest.fixture
def unit(app: Any):
    """Run ``fn`` inside an app context and a committed unit of work; returns its result."""
    def run(fn: Callable[[], Any]) -> Any:
        with app.app_context(), kontora(app).db.unit():
            return fn()
    return run


@pytest.fixture
def mail_app(make_app: Callable[..., Any], smtp_inbox: Inbox) -> Any:  # noqa: F811
    """An app whose outgoing mail goes to the test SMTP server."""
    return make_app(KONTORA_SMTP_URL=smtp_inbox.url)
