"""In a real browser, with the embedded default (no SMTP): the menu bar names the company,
the offer's document shows the company's header, and after sending, the mail catcher shows
the message with its link, which opens the client's offer page."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from core.company import save_company
from core.identity.models import User
from core.identity.users import create_user, staff_principal
from core.kernel import kontora
from core.permissions import seed_roles
from plugins.offers import services
from tests.browser.conftest import LiveServer
from tests.core.company.test_profile import ROMANIAN
from tests.plugins.offers.conftest import make_client, make_product, seed_series

LOGIN, PASSWORD = "maria", "a long enough password"


@pytest.fixture
def crm_server(make_app: Callable[..., Any]) -> Iterator[LiveServer]:
    """Every built-in plugin served over HTTP; mailed links point at this server."""
    server = make_server("127.0.0.1", 0, None, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    app = make_app(KONTORA_BASE_URL=base)  # no KONTORA_SMTP_URL: the mail catcher
    app.config["TESTING"] = False
    server.app = app
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer(app, base)
    server.shutdown()
    thread.join(timeout=10)


def prepare(server: LiveServer) -> int:
    """The admin, the company profile, a client and a draft offer; the offer's id."""
    with server.app.test_request_context(), kontora(server.app).db.unit() as s:
        seed_roles(s)
        seed_series()
        admin = create_user(LOGIN, "Maria Popescu", password=PASSWORD, roles=["admin"])
        save_company(staff_principal(admin), ROMANIAN)
        client = make_client("Delta Impex SRL", admin, email="office@delta.test")
        offer = services.create_offer(staff_principal(admin), {
            "title": "Materials for Brașov", "currency": "RON", "party_id": client.id,
            "language": "en", "lines": [{"product_id": make_product("CEM", "32.50").id,
                                         "quantity": "3"}]})
        return offer.id


def send(server: LiveServer, offer_id: int) -> None:
    with server.app.test_request_context(), kontora(server.app).db.unit() as s:
        admin = s.scalars(select(User).filter_by(login=LOGIN)).one()
        services.send_offer(staff_principal(admin), offer_id, {})


def test_offer_shows_the_company_header_and_the_catcher_its_link(
        crm_server: LiveServer, page: Any) -> None:
    from playwright.sync_api import expect

    offer_id = prepare(crm_server)
    page.goto(crm_server.url("/login"))
    page.fill("input[name=login]", LOGIN)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("[data-company-name]")).to_have_text("Carpați Construct SRL")

    page.goto(crm_server.url(f"/documents/offers.offer/{offer_id}/html"))
    header = page.locator("header.k-company")
    expect(header).to_contain_text("Carpați Construct SRL")
    expect(header).to_contain_text("CUI/CIF: 18547290")
    expect(header).to_contain_text("IBAN RO49AAAA1B31007593840000")

    send(crm_server, offer_id)
    page.goto(crm_server.url("/admin/mail/"))
    expect(page.locator("[data-caught]")).to_be_visible()
    page.get_by_role("link", name=re.compile("Materials for Brașov")).first.click()
    expect(page.get_by_text("Not sent — no SMTP").first).to_be_visible()
    link = page.locator("[data-body] a").first
    expect(link).to_have_attribute("href", re.compile(re.escape(crm_server.base) + "/l/"))
    with page.context.expect_page() as opened:
        link.click()
    client_page = opened.value
    client_page.wait_for_load_state()
    expect(client_page.get_by_text("Materials for Brașov").first).to_be_visible()
