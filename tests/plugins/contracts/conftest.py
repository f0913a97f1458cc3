"""Fixtures for the contracts tests: the real parties, catalog, activities and orders
plugins, and the orders tests' ``offerstub`` standing in for offers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from core import registry
from core.app import create_app
from core.kernel import kontora
from tests.conftest import _base_config, _empty_tables, test_plugin_infos
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.orders.conftest import (  # noqa: F401  (shared helpers)
    as_staff,
    browser,
    csrf_of,
    make_client,
    make_offer,
    make_user,
)
from tests.plugins.orders.offer_stub.models import StubBase, StubOffer

PLUGINS = "parties,catalog,activities,orders,contracts,offerstub"
STUB = "tests.plugins.orders.offer_stub.plugin"
STAFF = ["contracts.read", "contracts.write", "contracts.convert", "contracts.send",
         "contracts.countersign", "contracts.manage", "contracts.requisites",
         "contracts.configure", "orders.read", "orders.write", "orders.send",
         "orders.confirm", "orders.start", "orders.deliver", "parties.read",
         "parties.write", "catalog.read", "activities.read", "offers.read"]
LINK = re.compile(r"http://kontora\.test(/l/\S+)")
# a 1x1 PNG, as signature_pad's toDataURL gives
PNG = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
       "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


@pytest.fixture
def make_contracts_app(database_url: str, tmp_path: Path) -> Iterator[Callable[..., Any]]:
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
def capp(make_contracts_app: Callable[..., Any], smtp_inbox: Inbox) -> Any:  # noqa: F811
    return make_contracts_app(KONTORA_SMTP_URL=smtp_inbox.url,
                              KONTORA_BASE_URL="http://kontora.test")


def unit(app: Any, fn: Callable[[], Any]) -> Any:
    """Run ``fn`` in an app context and a committed unit of work; returns its result."""
    with app.app_context(), kontora(app).db.unit():
        return fn()


def client_with_requisites(owner: Any) -> Any:
    """A Romanian legal entity with a registered address and a bank account."""
    from core.db import session
    from plugins.parties.models import Address, BankAccount

    client = make_client("Acme Industries SRL", owner, email="legal@acme.test")
    client.tax_id, client.trade_register_no = "18547290", "J40/1234/2010"
    client.addresses.append(Address(use="registered", street="Str. Lipscani 12",
                                    city="București", postal_code="030031", country="RO",
                                    is_default=True))
    client.bank_accounts.append(BankAccount(iban="RO49AAAA1B31007593840000",
                                            bank_name="Banca Test", currency="RON",
                                            is_default=True))
    session().flush()
    return client


LINES = [{"description": "Steel bolt M8", "quantity": "10", "unit": "pcs",
          "unit_price": "1.20", "discount": "5", "vat_rate": "19"},
         {"description": "Installation", "quantity": "2", "unit": "h",
          "unit_price": "50", "vat_rate": "9"}]
