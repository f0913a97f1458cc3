"""Fixtures for the shipping tests: the real parties, catalog, activities, orders and
shipping plugins, a real SMTP server, and helpers that make a confirmed order."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from core.app import create_app
from core.db import session
from core.kernel import kontora
from tests.conftest import _base_config, _empty_tables, test_plugin_infos
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.orders.conftest import as_staff, make_client, make_user  # noqa: F401

PLUGINS = "parties,catalog,activities,orders,shipping"
STAFF = ["shipping.read", "shipping.write", "shipping.pack", "shipping.dispatch",
         "shipping.deliver", "shipping.configure", "orders.read", "orders.write",
         "orders.confirm", "orders.start", "orders.deliver", "parties.read",
         "catalog.read", "activities.read", "activities.write"]
LINES = [{"description": "Steel bolt M8", "quantity": "100", "unit": "pcs",
          "unit_price": "1.20", "vat_rate": "19"},
         {"description": "Cement CEM II 42.5", "quantity": "40", "unit": "bag",
          "unit_price": "30", "vat_rate": "19"}]


@pytest.fixture
def sapp(database_url: str, tmp_path: Path, smtp_inbox: Inbox) -> Iterator[Any]:  # noqa: F811
    settings = _base_config(database_url, tmp_path / "instance", PLUGINS)
    settings.update(KONTORA_SMTP_URL=smtp_inbox.url, KONTORA_BASE_URL="http://kontora.test")
    app = create_app(settings, extra_plugins=test_plugin_infos())
    app.config["TESTING"] = True
    with app.app_context(), kontora(app).db.unit() as s:
        from core.company import PROFILE_ID, CompanyProfile
        from core.documents.store import seed_templates
        from core.numbering.series import seed_series

        seed_series(s, kontora(app).collect("kontora_number_series"))
        seed_templates(s)
        s.add(CompanyProfile(id=PROFILE_ID, name="Kontora Demo SRL",
                             details="Bd. Unirii 1, 030167 București, RO"))
    yield app
    _empty_tables(app)
    kontora(app).db.dispose()


def unit(app: Any, fn: Callable[[], Any]) -> Any:
    """Run ``fn`` in an app context and a committed unit of work; returns its result."""
    with app.app_context(), kontora(app).db.unit():
        return fn()


def make_carrier(principal: Any) -> Any:
    from plugins.shipping import services

    return services.create_carrier(principal, {
        "name": "FastCargo", "services": ["Standard", "Express"],
        "tracking_url": "https://track.fastcargo.test/?awb={tracking}",
        "address": "Str. Depozitelor 5, Chiajna, RO"})


def confirmed_order(user: Any, *, with_addresses: bool = True) -> tuple[Any, Any]:
    """A client with a registered and two delivery addresses, and its confirmed order."""
    from plugins.orders.services import confirm_order, create_order
    from plugins.parties.models import Address

    client = make_client("Carpați Construct SRL", user, email="logistica@carpati.test")
    client.tax_id = "RO18547290"
    if with_addresses:
        client.addresses.extend([
            Address(use="registered", street="Str. Lipscani 12", city="București",
                    postal_code="030031", country="RO", is_default=True),
            Address(use="delivery", label="Main warehouse", street="Șos. Industriilor 7",
                    city="Ploiești", postal_code="100001", country="RO", is_default=True),
            Address(use="delivery", label="Site", street="Str. Șantierului 3", city="Brașov",
                    postal_code="500001", country="RO")])
    session().flush()
    order = create_order(as_staff(user), {"party_id": client.id, "currency": "RON",
                                          "lines": LINES})
    confirm_order(as_staff(user), order.id)
    return client, order
