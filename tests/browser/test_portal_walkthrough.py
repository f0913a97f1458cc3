"""A client walks through the portal in a real browser: the invitation e-mail (real SMTP),
choosing a password, the offer accepted, the order followed, the invoice downloaded and a
complaint filed with a photo."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from core.app import create_app, kontora
from core.identity.users import principal_for
from tests.browser.conftest import LiveServer
from tests.conftest import _base_config, _empty_tables, test_plugin_infos
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.complaints.conftest import PNG
from tests.plugins.portal.conftest import PASSWORD, PLUGINS
from tests.plugins.portal.test_sections import sent_offer


@pytest.fixture
def portal_server(database_url: str, tmp_path: Path,
                  smtp_inbox: Inbox) -> Iterator[LiveServer]:  # noqa: F811
    server = make_server("127.0.0.1", 0, None, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    settings = _base_config(database_url, tmp_path / "instance", PLUGINS)
    settings.update(KONTORA_SMTP_URL=smtp_inbox.url, KONTORA_BASE_URL=base)
    app = create_app(settings, extra_plugins=test_plugin_infos())
    with app.app_context(), kontora(app).db.unit() as s:
        from core.numbering.series import seed_series

        seed_series(s, kontora(app).collect("kontora_number_series"))
    server.app = app
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer(app, base)
    server.shutdown()
    thread.join(timeout=10)
    _empty_tables(app)
    kontora(app).db.dispose()


def _prepare(app: Any) -> dict[str, Any]:
    """A salesperson, the client with an address, its confirmed order and issued invoice,
    and a sent offer; then the invitation."""
    from plugins.invoicing.services.documents import create_invoice
    from plugins.invoicing.services.issuing import issue_invoice
    from plugins.orders.services import confirm_order, create_order
    from plugins.parties.models import Address
    from plugins.portal.services.accounts import invite
    from tests.plugins.invoicing.conftest import line, make_seller
    from tests.plugins.orders.conftest import make_client, make_user
    from tests.plugins.shipping.conftest import LINES

    with app.test_request_context(), kontora(app).db.unit() as s:
        user = make_user("sam", ["portal.invite", "parties.read", "orders.read", "orders.write",
                                 "orders.confirm", "offers.read", "offers.write", "offers.send",
                                 "invoicing.read", "invoicing.write", "invoicing.issue",
                                 "invoicing.free_lines", "complaints.read"])
        client = make_client("Alfa Construct SRL", user, email="office@alfa.test")
        s.add(Address(client_id=client.id, use="registered", street="Str. 1",
                      city="Cluj-Napoca", region="RO-CJ", postal_code="400001", country="RO",
                      is_default=True))
        make_seller()
        staff = principal_for(user.id)
        order = create_order(staff, {"party_id": client.id, "currency": "RON",
                                     "lines": LINES})
        confirm_order(staff, order.id)
        doc = create_invoice(staff, {"party_id": client.id, "currency": "RON",
                                     "lines": [line()]})
        issue_invoice(staff, doc.id)
        ids = {"staff": user.id, "client": client.id, "order": order.number,
               "invoice": doc.number}
    ids["offer"] = sent_offer(app, ids["staff"], ids["client"], "Scaffolding for Alfa")
    with app.test_request_context(), kontora(app).db.unit():
        invite(principal_for(ids["staff"]), ids["client"],
               {"email": "ioana@alfa.test", "name": "Ioana Pop"})
    return ids


def test_a_client_walks_through_the_portal(portal_server: LiveServer, page: Any,
                                           smtp_inbox: Inbox, tmp_path: Path) -> None:  # noqa: F811
    from playwright.sync_api import expect

    ids = _prepare(portal_server.app)
    mail = next(m for m in smtp_inbox.messages if m["To"] == "ioana@alfa.test")
    link = re.search(re.escape(portal_server.base) + r"(/l/\S+)",
                     mail.get_body(("plain",)).get_content()).group(1)

    page.goto(portal_server.url(link))
    page.locator("#f-password").fill(PASSWORD)
    page.locator("#f-confirm").fill(PASSWORD)
    page.get_by_role("button", name="Set password and sign in").click()
    expect(page.get_by_role("heading", name="Alfa Construct SRL")).to_be_visible()

    page.get_by_role("navigation").get_by_role("link", name="Offers").click()
    page.locator(f'a[href="/portal/offers/{ids["offer"]}"]').click()
    page.get_by_role("button", name="Accept the offer").click()
    expect(page.get_by_text("is accepted")).to_be_visible()

    page.get_by_role("navigation").get_by_role("link", name="Orders").click()
    page.get_by_role("link", name=ids["order"]).click()
    expect(page.locator("[data-history]")).to_contain_text("Confirmed")

    page.get_by_role("navigation").get_by_role("link", name="Invoices").click()
    expect(page.locator("[data-balance]")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="XML").click()
    saved = tmp_path / "invoice.xml"
    download.value.save_as(saved)
    assert ids["invoice"] in saved.read_text()

    photo = tmp_path / "broken.png"
    photo.write_bytes(PNG)
    page.get_by_role("navigation").get_by_role("link", name="Complaints").click()
    page.get_by_role("link", name="File a complaint").click()
    page.locator("#f-subject_id").select_option(label=ids["order"])
    page.locator("#f-description").fill("Two panels arrived bent.")
    page.locator("#f-file").set_input_files(str(photo))
    page.get_by_role("button", name="File the complaint").click()
    expect(page.get_by_text("Two panels arrived bent.")).to_be_visible()
    expect(page.get_by_role("link", name="broken.png")).to_be_visible()
