"""Users, roles and API tokens for the API and conversion tests."""

from __future__ import annotations

from typing import Any

from core.identity.models import User
from core.identity.tokens import create_token
from core.identity.users import staff_principal
from core.permissions.models import Role, RolePermission


def make_user(login: str, permissions: list[str], scope: str = "own") -> User:
    """A staff user holding ``permissions`` with record ``scope``, inside the open unit."""
    from core.db import session

    role = Role(name=f"role-{login}", label=f"Role of {login}", default_scope=scope,
                permissions=[RolePermission(permission=p) for p in permissions])
    user = User(login=login, name=login.title())
    user.roles.append(role)
    session().add(user)
    session().flush()
    return user


def bearer(user: User, permissions: list[str] | None = None) -> dict[str, str]:
    """Headers carrying a new API token of ``user`` (all its permissions unless given)."""
    principal = staff_principal(user)
    _, text = create_token(principal, "test", permissions or list(principal.grants), None)
    return {"Authorization": f"Bearer {text}"}


def principal_of(user: User) -> Any:
    return staff_principal(user)
