"""The scenarios' stage: the real plugins together, a real SMTP server, a seeded world.

Every scenario runs with ``leads``, ``offers`` and ``orders`` (and what they need) enabled
at once, jobs run inline (no Redis), outgoing mail goes to an aiosmtpd server. The series,
the document templates and the default pipeline are seeded as ``kontora db upgrade`` does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from core.db import session
from core.identity.models import User
from core.identity.users import staff_principal
from core.kernel import kontora
from core.permissions.models import Role, RolePermission
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)

PLUGINS = "parties,catalog,activities,leads,offers,orders"
SALES_MANAGER = [
    "leads.read", "leads.write", "leads.convert", "leads.forms.admin",
    "offers.read", "offers.write", "offers.send", "offers.convert",
    "orders.read", "orders.write", "orders.convert", "orders.send", "orders.confirm",
    "orders.configure", "parties.read", "parties.write", "catalog.read",
    "activities.read", "activities.write", "tasks.read", "tasks.write"]

LINK = re.compile(r"http://kontora\.test(/l/[A-Za-z0-9_.\-]+)")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def app(make_app: Callable[..., Any], smtp_inbox: Inbox) -> Any:  # noqa: F811
    """The sales plugins together; mail to the test server; jobs inline."""
    app = make_app(plugins=PLUGINS, KONTORA_SMTP_URL=smtp_inbox.url,
                   KONTORA_MAIL_FROM="Firma SRL <office@firma.test>",
                   KONTORA_BASE_URL="http://kontora.test")
    with app.app_context(), kontora(app).db.unit() as s:
        from core.documents.store import seed_templates
        from core.numbering.series import seed_series
        from plugins.leads.seed import seed_defaults

        seed_series(s, kontora(app).collect("kontora_number_series"))
        seed_templates(s)
        seed_defaults(s)
    return app


@pytest.fixture
def unit(app: Any) -> Callable[[Callable[[], Any]], Any]:
    """Run ``fn`` in an app context and a committed unit of work; returns its result."""
    def run(fn: Callable[[], Any]) -> Any:
        with app.app_context(), kontora(app).db.unit():
            return fn()
    return run


def make_user(login: str, permissions: list[str], *, email: str) -> User:
    """A staff user holding ``permissions`` on every record, in the open unit of work."""
    role = Role(name=f"role-{login}", label=f"Role of {login}", default_scope="all",
                permissions=[RolePermission(permission=p) for p in permissions])
    user = User(login=login, name=login.title(), email=email, language="en")
    user.roles.append(role)
    session().add(user)
    session().flush()
    return user


def make_product(code: str, name: str, price: str, *, vat: str = "19",
                 kind: str = "product", unit: str = "pcs") -> Any:
    from plugins.catalog.models import Product

    product = Product(code=code, name=name, kind=kind, unit=unit, price=Decimal(price),
                      currency="RON", vat_rate=Decimal(vat))
    session().add(product)
    session().flush()
    return product


def as_user(login: str) -> Any:
    """The staff principal of ``login`` (inside a unit of work)."""
    from sqlalchemy import select

    return staff_principal(session().scalar(select(User).where(User.login == login)))


def link_in(message: Any) -> str:
    """The path of the client link in an e-mail's plain-text body."""
    return LINK.search(message.get_body(("plain",)).get_content()).group(1)


def csrf_in(page: str) -> str:
    return CSRF.search(page).group(1)
