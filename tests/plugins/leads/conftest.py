"""Fixtures for the ``leads`` tests: users with chosen permissions, the default pipeline.

Every test starts from empty tables, so the pipeline ``kontora db upgrade`` seeds is
seeded again here through the same function.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select

from core.db import session
from core.identity.models import Team, User
from core.identity.users import staff_principal
from core.kernel import kontora
from core.permissions.models import Role, RolePermission
from plugins.leads.models import LostReason, Pipeline, Stage
from plugins.leads.seed import seed_defaults
from tests.core.web.conftest import sign_in

SALES = ["leads.read", "leads.write", "leads.delete", "leads.convert", "parties.read",
         "parties.write", "activities.read", "activities.write", "tasks.read", "tasks.write",
         "catalog.read"]
MANAGER = [*SALES, "leads.forms.admin", "leads.reports"]

__all__ = ["sign_in"]  # the signed-in browser fixture, for the page tests


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


def as_staff(user: User) -> Any:
    return staff_principal(user)


def stage(name: str, pipeline: str = "Sales") -> Stage:
    return session().scalar(select(Stage).join(Pipeline).where(
        Stage.name == name, Pipeline.name == pipeline))


def reason(name: str = "Price too high") -> LostReason:
    return session().scalar(select(LostReason).where(LostReason.name == name))


@pytest.fixture
def unit(app: Any) -> Callable[[Callable[[], Any]], Any]:
    """Run ``fn`` inside an app context and a committed unit of work; returns its result."""
    def run(fn: Callable[[], Any]) -> Any:
        with app.app_context(), kontora(app).db.unit():
            return fn()
    return run


@pytest.fixture
def ctx(app: Any) -> Iterator[dict[str, Any]]:
    """An open unit of work with the default pipeline and users ``ann`` and ``bob``."""
    k = kontora(app)
    with app.app_context(), k.db.unit() as s:
        seed_defaults(s)
        ann = make_user("ann", SALES, email="ann@example.com")
        bob = make_user("bob", SALES, scope="own")
        yield {"session": s, "ann": ann, "bob": bob, "as_ann": as_staff(ann),
               "as_bob": as_staff(bob)}


@pytest.fixture
def seeded(app: Any) -> None:
    """The default pipeline and lost reasons, committed (for page tests)."""
    with app.app_context(), kontora(app).db.unit() as s:
        seed_defaults(s)
