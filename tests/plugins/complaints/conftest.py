"""Fixtures for the complaints tests: the real parties, catalog, activities, orders and
complaints plugins, a real SMTP server, a small upload limit, and a confirmed order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.app import create_app, kontora
from tests.conftest import _base_config, _empty_tables, test_plugin_infos
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.orders.conftest import as_staff, make_client, make_product, make_user  # noqa: F401
from tests.plugins.shipping.conftest import LINES, unit  # noqa: F401

PLUGINS = "parties,catalog,activities,orders,complaints"
STAFF = ["complaints.read", "complaints.write", "complaints.decide", "orders.read",
         "orders.write", "orders.confirm", "parties.read", "catalog.read", "activities.read",
         "activities.write"]
UPLOAD_LIMIT = 4096
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
       b"\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05"
       b"\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture
def capp(database_url: str, tmp_path: Path, smtp_inbox: Inbox) -> Iterator[Any]:  # noqa: F811
    settings = _base_config(database_url, tmp_path / "instance", PLUGINS)
    settings.update(KONTORA_SMTP_URL=smtp_inbox.url, KONTORA_BASE_URL="http://kontora.test",
                    KONTORA_UPLOAD_MAX_BYTES=str(UPLOAD_LIMIT))
    app = create_app(settings, extra_plugins=test_plugin_infos())
    app.config["TESTING"] = True
    with app.app_context(), kontora(app).db.unit() as s:
        from core.numbering.series import seed_series

        seed_series(s, kontora(app).collect("kontora_number_series"))
    yield app
    _empty_tables(app)
    kontora(app).db.dispose()


def confirmed_order(user: Any, name: str = "Carpați Construct SRL") -> tuple[Any, Any]:
    """A client of ``user`` and its confirmed order."""
    from plugins.orders.services import confirm_order, create_order

    client = make_client(name, user, email="calitate@carpati.test")
    order = create_order(as_staff(user), {"party_id": client.id, "currency": "RON",
                                          "lines": LINES})
    confirm_order(as_staff(user), order.id)
    return client, order
