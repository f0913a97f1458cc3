"""Fixtures for the ``parties`` tests: two salespeople in an open unit of work."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from core.identity import Principal
from core.identity.models import User
from core.kernel import kontora
from tests.core.api.support import bearer, make_user

ALL = ("parties.read", "parties.write", "parties.delete")


def staff(user: User, scope: str = "all", *permissions: str, admin: bool = False) -> Principal:
    """A staff principal holding ``permissions`` (default: read, write, delete) at ``scope``."""
    return Principal(kind="staff", id=user.id, name=user.name, grants_all=admin,
                     grants={p: scope for p in (permissions or ALL)})


@pytest.fixture
def ctx(app: Any) -> Iterator[dict[str, Any]]:
    """App context, an open unit of work, users ``ann`` and ``bob``, their principals."""
    k = kontora(app)
    with app.app_context(), k.db.unit() as s:
        ann, bob = User(login="ann", name="Ann"), User(login="bob", name="Bob")
        s.add_all([ann, bob])
        s.flush()
        yield {"session": s, "ann": ann, "bob": bob, "as_ann": staff(ann),
               "as_bob": staff(bob), "admin": staff(ann, admin=True)}


class Api:
    """A test client sending one user's bearer token with every call."""

    def __init__(self, app: Any, headers: dict[str, str]) -> None:
        self.client, self.headers = app.test_client(), headers

    def __getattr__(self, method: str) -> Callable[..., Any]:
        call = getattr(self.client, method)

        def send(url: str, headers: dict | None = None, **kw: Any) -> Any:
            return call(url, headers={**self.headers, **(headers or {})}, **kw)

        return send


@pytest.fixture
def api_as(app: Any) -> Callable[..., Api]:
    k = kontora(app)

    def make(login: str, permissions: list[str], scope: str = "all") -> Api:
        with app.app_context(), k.db.unit():
            return Api(app, bearer(make_user(login, permissions, scope)))

    return make
