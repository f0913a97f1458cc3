"""Fixtures for the orders tests: an app with ``offerstub`` standing in for offers.

The apps enable only what orders needs plus the stand-in, so they never meet the real
offers plugin (whose kind has the same name). The stand-in's table lives outside the
kernel metadata and is made here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from core import registry
from core.app import create_app
from core.db import session
from core.identity.models import Team, User
from core.identity.users import staff_principal
from core.kernel import kontora
from core.permissions.models import Role, RolePermission
from tests.conftest import _base_config, _empty_tables, test_plugin_infos
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.orders.offer_stub.models import StubBase, StubOffer

PLUGINS = "parties,catalog,activities,orders,offerstub"
STUB = "tests.plugins.orders.offer_stub.plugin"

SALES = ["orders.read", "orders.write", "orders.convert", "orders.send", "orders.revise",
         "orders.confirm", "orders.start", "orders.deliver", "orders.cancel",
         "orders.advance", "parties.read", "catalog.read", "activities.read",
         "activities.write", "offers.read"]


@pytest.fixture
def make_orders_app(database_url: str, tmp_path: Path) -> Iterator[Callable[..., Any]]:
    apps: list[Any] = []

    def factory(**config: str) -> Any:
        settings = _base_config(database_url, tmp_path / "instance", PLUGINS)
        settings.update(config)
        app = create_app(settings, extra_plugins=[*test_plugin_infos(),
                                                  registry.plugin_from_module(STUB)])
        app.config["TESTING"] = True
        StubBase.metadata.create_all(kontora(app).db.engine)
        with app.app_context(), kontora(app).db.unit() as s:
            from core.documents.store import seed_templates
            from core.numbering.series import seed_series

            seed_series(s, kontora(app).collect("kontora_number_series"))
            seed_templates(s)
        apps.append(app)
        return app

    yield factory
    if apps:
        with kontora(apps[0]).db.engine.begin() as conn:
            conn.execute(StubOffer.__table__.delete())
        _empty_tables(apps[0])
    for app in apps:
        kontora(app).db.dispose()


@pytest.fixture
def oapp(make_orders_app: Callable[..., Any]) -> Any:
    return make_orders_app()


@pytest.fixture
def mail_app(make_orders_app: Callable[..., Any], smtp_inbox: Inbox) -> Any:  # noqa: F811
    return make_orders_app(KONTORA_SMTP_URL=smtp_inbox.url,
                           KONTORA_BASE_URL="http://kontora.test")


@pytest.fixture
def unit(oapp: Any) -> Callable[[Callable[[], Any]], Any]:
    """Run ``fn`` in an app context and a committed unit of work; returns its result."""
    def run(fn: Callable[[], Any], app: Any = None) -> Any:
        app = app or oapp
        with app.app_context(), kontora(app).db.unit():
            return fn()
    return run


def make_user(login: str, permissions: list[str], scope: str = "all", *,
              email: str | None = None, team: str | None = None) -> User:
    """A staff user holding ``permissions`` at ``scope``, inside the open unit of work."""
    role = Role(name=f"role-{login}", label=f"Role of {login}", default_scope=scope,
                permissions=[RolePermission(permission=p) for p in permissions])
    user = User(login=login, name=login.title(), email=email)
    user.roles.append(role)
    if team:
        user.teams.append(session().query(Team).filter_by(name=team).one_or_none()
                          or Team(name=team))
    session().add(user)
    session().flush()
    return user


def make_client(name: str, owner: User | None = None, email: str | None = None) -> Any:
    from plugins.parties.models import Client

    client = Client(kind="legal_entity", status="customer", name=name, name_key=name.lower(),
                    country="RO", relationship_type="customer", email=email,
                    owner_id=owner.id if owner else None)
    session().add(client)
    session().flush()
    return client


def make_product(code: str = "BOLT", price: str = "1.20", vat: str = "19") -> Any:
    from plugins.catalog.models import Product

    product = Product(code=code, name=f"Product {code}", unit="pcs", price=Decimal(price),
                      currency="RON", vat_rate=Decimal(vat))
    session().add(product)
    session().flush()
    return product


def make_offer(party_id: int | None, owner: User | None, number: str = "OF-2025-0042") -> Any:
    offer = StubOffer(number=number, party_id=party_id, owner_id=owner.id if owner else None,
                      currency="EUR", lines=[
                          {"product_id": None, "description": "Steel bolt M8",
                           "quantity": "10", "unit": "pcs", "unit_price": "1.20",
                           "discount": "5", "vat_rate": "19", "net": "11.40"},
                          {"product_id": None, "description": "Installation",
                           "quantity": "2", "unit": "h", "unit_price": "50",
                           "discount": "0", "vat_rate": "9", "net": "100.00"}])
    session().add(offer)
    session().flush()
    return offer


def as_staff(user: User) -> Any:
    return staff_principal(user)


LINE = {"description": "Steel bolt M8", "quantity": "10", "unit": "pcs",
        "unit_price": "1.20", "discount": "5", "vat_rate": "19"}


def browser(app: Any, user: User) -> Any:
    """A test browser signed in as ``user`` (``post`` adds the CSRF token)."""
    from core.identity.users import staff_session_id
    from tests.core.web.conftest import Browser

    return Browser(app, user.id, staff_session_id(user))


def csrf_of(page: str) -> str:
    import re

    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
