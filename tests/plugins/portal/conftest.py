"""Fixtures for the portal tests: the real parties, orders, complaints, shipping and portal
plugins, a real SMTP server, two clients, and a portal browser that signs in through the
forms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.app import create_app, kontora
from tests.conftest import _base_config, _empty_tables, test_plugin_infos
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.orders.conftest import make_client, make_user

PLUGINS = ("parties,catalog,activities,leads,orders,offers,invoicing,complaints,contracts,"
           "payments,shipping,portal")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
LINK = re.compile(r"http://kontora\.test(/l/\S+)")
PASSWORD = "Correct-Horse-42-battery"


@pytest.fixture
def papp(database_url: str, tmp_path: Path, smtp_inbox: Inbox) -> Iterator[Any]:  # noqa: F811
    settings = _base_config(database_url, tmp_path / "instance", PLUGINS)
    settings.update(KONTORA_SMTP_URL=smtp_inbox.url, KONTORA_BASE_URL="http://kontora.test")
    app = create_app(settings, extra_plugins=test_plugin_infos())
    app.config["TESTING"] = True
    with app.app_context(), kontora(app).db.unit() as s:
        from core.documents.store import seed_templates
        from core.numbering.series import seed_series

        seed_series(s, kontora(app).collect("kontora_number_series"))
        seed_templates(s)
    yield app
    _empty_tables(app)
    kontora(app).db.dispose()


class PortalBrowser:
    """A test client used as a person would: forms read from pages, CSRF included."""

    def __init__(self, app: Any) -> None:
        self.client = app.test_client()

    def get(self, url: str, **kw: Any) -> Any:
        return self.client.get(url, **kw)

    def csrf(self, form_page: str | None = None) -> str:
        page = self.client.get(form_page or "/portal/login").get_data(as_text=True)
        return CSRF.search(page).group(1)

    def post(self, url: str, data: dict | None = None, *, form_page: str | None = None,
             **kw: Any) -> Any:
        return self.client.post(url, data={"csrf_token": self.csrf(form_page), **(data or {})},
                                **kw)

    def sign_in(self, email: str, password: str = PASSWORD) -> Any:
        return self.post("/portal/login", {"email": email, "password": password})


@pytest.fixture
def two_clients(papp: Any) -> dict[str, int]:
    """A salesperson who may invite, and two clients of theirs: ``staff``, ``a``, ``b``."""
    with papp.app_context(), kontora(papp).db.unit():
        user = make_user("sam", ["portal.invite", "parties.read", "complaints.read",
                                  "orders.read", "orders.write", "orders.confirm",
                                  "offers.read", "offers.write", "offers.send",
                                  "invoicing.read", "invoicing.write", "invoicing.issue",
                                  "invoicing.free_lines"])
        a = make_client("Alfa Construct SRL", user, email="office@alfa.test")
        b = make_client("Beta Logistic SRL", user, email="office@beta.test")
        return {"staff": user.id, "a": a.id, "b": b.id}


def last_link(inbox: Inbox) -> str:
    """The path of the client link in the newest mail."""
    return LINK.search(inbox.messages[-1].get_body(("plain",)).get_content()).group(1)


def invited(app: Any, inbox: Inbox, staff_id: int, client_id: int, email: str,
            name: str = "Ioana Pop") -> PortalBrowser:
    """Invite ``email`` for the client, follow the mailed link and set the password."""
    from core.identity.users import principal_for
    from plugins.portal.services.accounts import invite

    k = kontora(app)
    with app.test_request_context(), k.db.unit():
        invite(principal_for(staff_id), client_id, {"email": email, "name": name})
    path = last_link(inbox)
    browser = PortalBrowser(app)
    answer = browser.post(path, {"password": PASSWORD, "confirm": PASSWORD}, form_page=path)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    return browser
