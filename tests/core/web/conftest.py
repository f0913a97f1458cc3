"""Signed-in browsers for the web tests: staff users with chosen permissions and scope."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from werkzeug.datastructures import MultiDict

from core.identity.models import User
from core.identity.users import staff_session_id
from core.kernel import kontora
from core.permissions.models import Role, RolePermission

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


class Browser:
    """A test client signed in as one user, with helpers to read pages and post forms."""

    def __init__(self, app: Any, user_id: int, session_id: str) -> None:
        self.app = app
        self.user_id = user_id
        self.client = app.test_client()
        with self.client.session_transaction() as sess:
            sess["_user_id"] = session_id
            sess["_fresh"] = True

    def get(self, url: str, **kw: Any) -> Any:
        return self.client.get(url, **kw)

    def csrf(self) -> str:
        """The CSRF token of this session, read from a page as a browser would."""
        page = self.client.get("/notifications").get_data(as_text=True)
        return CSRF_INPUT.search(page).group(1)

    def post(self, url: str, data: Any = None, **kw: Any) -> Any:
        """POST ``data`` (a dict, or a ``MultiDict`` for fields sent twice, as a switch is)
        with the session's CSRF token unless ``data`` brings its own."""
        if isinstance(data, MultiDict):  # kept as is: a dict's file tuples are no pairs
            form: Any = data.copy()
            if "csrf_token" not in form:
                form.add("csrf_token", self.csrf())
        else:
            form = {"csrf_token": self.csrf(), **(data or {})}
        return self.client.post(url, data=form, **kw)


@pytest.fixture
def sign_in(app: Any) -> Callable[..., Browser]:
    """``sign_in("ann", ["sample.read"], scope="own")`` -> a :class:`Browser`."""
    k = kontora(app)

    def make(login: str, permissions: list[str] | tuple = (), scope: str = "all",
             admin: bool = False) -> Browser:
        with k.db.unit() as s:
            role = Role(name=f"role-{login}", label=f"Role of {login}", default_scope=scope,
                        grants_all=admin,
                        permissions=[RolePermission(permission=p) for p in permissions])
            user = User(login=login, name=login.title())
            user.roles.append(role)
            s.add(user)
            s.flush()
            user_id, session_id = user.id, staff_session_id(user)
        return Browser(app, user_id, session_id)

    return make
