"""Fixtures for the offers tests: users, a client, catalogue products, the number series.

Tables are emptied between tests, so each test seeds the ``offers`` series again (as
``kontora db upgrade`` does) inside its first unit of work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest

from core.db import session
from core.identity.models import Team, User
from core.identity.users import staff_principal
from core.kernel import kontora
from core.permissions.models import Role, RolePermission
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)

EVERYTHING = ["offers.read", "offers.write", "offers.send", "offers.convert",
              "offers.delete", "parties.read", "parties.write", "catalog.read",
              "activities.read", "tasks.read"]


def make_user(login: str, permissions: list[str] | None = None, scope: str = "all", *,
              email: str | None = None, language: str = "en",
              team: str | None = None) -> User:
    """A staff user holding ``permissions`` at ``scope``, inside the open unit of work."""
    role = Role(name=f"role-{login}", label=f"Role of {login}", default_scope=scope,
                permissions=[RolePermission(permission=p)
                             for p in (EVERYTHING if permissions is None else permissions)])
    user = User(login=login, name=login.title(), email=email, language=language)
    user.roles.append(role)
    if team:
        user.teams.append(session().query(Team).filter_by(name=team).one_or_none()
                          or Team(name=team))
    session().add(user)
    session().flush()
    return user


def make_client(name: str, owner: User | None = None, email: str | None = None) -> Any:
    from plugins.parties.models import Address, Client

    client = Client(kind="legal_entity", status="customer", name=name, name_key=name.lower(),
                    country="RO", tax_id="RO18547290", relationship_type="customer",
                    email=email, owner_id=owner.id if owner else None)
    client.addresses.append(Address(use="registered", street="Str. Lungă 12",
                                    city="Brașov", country="RO", is_default=True))
    session().add(client)
    session().flush()
    return client


def make_product(code: str, price: str, vat: str = "19", kind: str = "product",
                 currency: str = "RON", unit: str = "pcs") -> Any:
    from plugins.catalog.models import Product

    product = Product(code=code, name=f"Product {code}", kind=kind, unit=unit,
                      price=Decimal(price), currency=currency, vat_rate=Decimal(vat))
    session().add(product)
    session().flush()
    return product


def seed_series() -> None:
    from core.numbering.series import seed_series as seed

    seed(session(), kontora().collect("kontora_number_series"))


def as_staff(user: User) -> Any:
    return staff_principal(user)


@pytest.fixture
def unit(request: pytest.FixtureRequest) -> Callable[[Callable[[], Any]], Any]:
    """Run ``fn`` inside an app context and a committed unit of work; returns its result.

    The app is ``mail_app`` when the test uses it, else ``app``.
    """
    app = request.getfixturevalue("mail_app" if "mail_app" in request.fixturenames
                                  else "app")

    def run(fn: Callable[[], Any]) -> Any:
        with app.app_context(), kontora(app).db.unit():
            return fn()
    return run


@pytest.fixture
def mail_app(make_app: Callable[..., Any], smtp_inbox: Inbox) -> Any:  # noqa: F811
    """An app whose outgoing mail goes to the test SMTP server."""
    return make_app(KONTORA_SMTP_URL=smtp_inbox.url,
                    KONTORA_MAIL_FROM="Firma SRL <office@firma.test>",
                    KONTORA_BASE_URL="http://kontora.test")


@pytest.fixture
def world(app: Any) -> Iterator[dict[str, Any]]:
    """App context, an open unit: the series, users ann (owner) and bob, a client,
    products at 19 % and 9 % and a service."""
    with app.app_context(), kontora(app).db.unit() as s:
        seed_series()
        ann = make_user("ann", email="ann@firma.test")
        bob = make_user("bob", scope="own")
        client = make_client("Carpați Construct SRL", ann, email="office@carpati.test")
        yield {"session": s, "ann": ann, "bob": bob, "client": client,
               "as_ann": as_staff(ann), "as_bob": as_staff(bob),
               "cement": make_product("CEM", "32.50"), "book": make_product("BOOK", "10.005",
                                                                          vat="9"),
               "support": make_product("SUP", "65.00", kind="service", unit="h")}
