"""Helpers the identity, permissions, audit and services tests share: users, sign-in, CSRF."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from core.identity.models import Team
from core.identity.principal import Principal
from core.identity.users import create_user, principal_for
from core.kernel import kontora
from core.permissions import seed_roles

PASSWORD = "correct horse battery"


def make_user(app: Any, login: str, *, roles: tuple[str, ...] = (), teams: tuple[str, ...] = (),
              email: str | None = None, password: str | None = PASSWORD) -> int:
    """A committed active user holding ``roles`` (default roles seeded) in ``teams``."""
    with app.app_context(), kontora(app).db.unit() as s:
        seed_roles(s)
        user = create_user(login, login.title(), email=email, password=password,
                           roles=list(roles))
        for name in teams:
            team = s.scalar(select(Team).where(Team.name == name)) or Team(name=name)
            user.teams.append(team)
        s.flush()
        return user.id


def principal(app: Any, user_id: int) -> Principal:
    """The principal of a user as the services see it."""
    with app.app_context(), kontora(app).db.unit():
        found = principal_for(user_id)
    assert found is not None
    return found


def csrf_token(client: Any, path: str = "/login") -> str:
    """The CSRF token the page at ``path`` puts in its forms."""
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def sign_in(client: Any, login: str, password: str = PASSWORD) -> Any:
    """Post the login form as a browser would; returns the response."""
    return client.post("/login", data={"login": login, "password": password,
                                       "csrf_token": csrf_token(client)})
