"""A client walks through the portal in a real browser, from the invitation to a complaint:
the invitation e-mail (real SMTP), choosing a password, the offer accepted, the order made
from it followed, that order's contract signed on the signature pad, its invoice downloaded
as PDF and paid with the demo card provider, and a complaint filed with a photo.

Staff work happens between the client's steps through the real services: the offer's
acceptance makes the order (orders' "create on acceptance"), then a clerk confirms it and
makes its contract and invoice (``tests/plugins/portal/paperwork.py``)."""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from core.app import create_app, kontora
from core.identity.users import principal_for
from tests.browser.conftest import LiveServer
from tests.browser.portal_steps import draw_signature, sign_in_from_invitation
from tests.conftest import _base_config, _empty_tables, test_plugin_infos
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.complaints.conftest import PNG
from tests.plugins.portal.conftest import PASSWORD, PLUGINS
from tests.plugins.portal.paperwork import order_paperwork
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
    """A salesperson whose accepted offers become orders, the client with an address, an
    offer sent to it; then the invitation."""
    from plugins.orders.services.admin import update_settings
    from plugins.parties.models import Address
    from plugins.portal.services.accounts import invite
    from tests.plugins.orders.conftest import make_client, make_user

    with app.test_request_context(), kontora(app).db.unit() as s:
        user = make_user("sam", ["portal.invite", "parties.read", "orders.read", "orders.write",
                                 "orders.convert", "orders.configure", "offers.read",
                                 "offers.write", "offers.send"])
        client = make_client("Alfa Construct SRL", user, email="office@alfa.test")
        s.add(Address(client_id=client.id, use="registered", street="Str. 1",
                      city="Cluj-Napoca", region="RO-CJ", postal_code="400001", country="RO",
                      is_default=True))
        update_settings(principal_for(user.id), create_on_acceptance=True)
        ids = {"staff": user.id, "client": client.id}
    ids["offer"] = sent_offer(app, ids["staff"], ids["client"], "Scaffolding for Alfa")
    with app.test_request_context(), kontora(app).db.unit():
        invite(principal_for(ids["staff"]), ids["client"],
               {"email": "ioana@alfa.test", "name": "Ioana Pop"})
    return ids


def _staff_follow_up(app: Any, client_id: int) -> dict[str, Any]:
    """The order the acceptance made, confirmed, with its contract and invoice: their ids
    and the numbers the client sees."""
    from plugins.invoicing.models import BillingDocument
    from plugins.orders.models import Order

    with app.app_context(), kontora(app).db.unit() as s:
        order_id = s.scalars(select(Order.id).where(Order.party_id == client_id)).one()
    ids = {"order_id": order_id, **order_paperwork(app, order_id)}
    with app.app_context(), kontora(app).db.unit() as s:
        ids["order"] = s.get(Order, order_id).number
        ids["invoice_number"] = s.get(BillingDocument, ids["invoice"]).number
    return ids


def test_a_client_walks_through_the_portal(portal_server: LiveServer, page: Any,
                                           smtp_inbox: Inbox, tmp_path: Path,  # noqa: F811
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from playwright.sync_api import expect

    from plugins.contracts.models import Contract
    from plugins.invoicing.models import BillingDocument
    from plugins.payments.models import Payment

    monkeypatch.setenv("KONTORA_PAYMENTS_PROVIDER", "demo")
    app = portal_server.app
    ids = _prepare(app)
    sign_in_from_invitation(page, portal_server, smtp_inbox, "ioana@alfa.test",
                            "Alfa Construct SRL")
    page.get_by_role("button", name="Sign out").click()  # then back with the new password
    page.goto(portal_server.url("/portal/login"))
    page.locator("#f-email").fill("ioana@alfa.test")
    page.locator("#f-password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Alfa Construct SRL")).to_be_visible()

    nav = page.get_by_role("navigation")
    nav.get_by_role("link", name="Offers").click()
    page.locator(f'a[href="/portal/offers/{ids["offer"]}"]').click()
    page.get_by_role("button", name="Accept the offer").click()
    expect(page.get_by_text("is accepted")).to_be_visible()
    ids.update(_staff_follow_up(app, ids["client"]))

    nav.get_by_role("link", name="Orders").click()
    expect(page.get_by_role("row").filter(has_text=ids["order"])).to_contain_text("Confirmed")
    page.get_by_role("link", name=ids["order"]).click()
    expect(page.locator("[data-history]")).to_contain_text("Confirmed")
    documents = page.locator("[data-documents]")  # what followed the order, each with its link
    expect(documents).to_contain_text(ids["invoice_number"])
    expect(documents.locator(f'[data-document="contracts.contract:{ids["contract"]}"]')) \
        .to_contain_text("Awaiting your signature")

    nav.get_by_role("link", name="Contracts").click()
    contract = page.locator(f'[data-record="contract-{ids["contract"]}"]')
    expect(contract).to_contain_text("Awaiting your signature")
    expect(contract).to_contain_text(ids["order"])  # "Contract for <the order's number>"
    contract.get_by_role("link").click()
    expect(page.locator("#sign-form")).to_be_visible()
    draw_signature(page)
    page.locator("#f-name").fill("Ioana Pop")
    page.check("#consent")
    page.get_by_role("button", name="Sign", exact=True).click()
    expect(page.locator("[data-status]")).to_have_text("Signed", timeout=90_000)
    expect(page.locator("[data-signed-pdf]")).to_be_visible(timeout=90_000)  # sealed inline

    nav.get_by_role("link", name="Invoices").click()
    row = page.get_by_role("row").filter(has_text=ids["invoice_number"])
    pdf = page.request.get(portal_server.url(  # shown inline: fetched with the session
        row.get_by_role("link", name="PDF").get_attribute("href")), timeout=90_000)
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.body())).pages)
    assert ids["invoice_number"] in text
    row.get_by_role("button", name=re.compile("Pay by card")).click()
    expect(page.locator("[data-demo-pay]")).to_be_visible()
    page.locator("[data-pay]").click()
    expect(page.get_by_text("the payment was received")).to_be_visible()
    page.goto(portal_server.url("/portal/invoices/"))  # the provider's page has no portal menu
    nothing_open = re.compile(r"(?<![\d.,])0[.,]00$")
    expect(row.locator("td").nth(5)).to_have_text(nothing_open)  # the open amount
    expect(page.locator("[data-balance]")).to_have_text(nothing_open)
    expect(row.get_by_role("button", name=re.compile("Pay by card"))).to_have_count(0)

    photo = tmp_path / "broken.png"
    photo.write_bytes(PNG)
    nav.get_by_role("link", name="Complaints").click()
    page.get_by_role("link", name="File a complaint").click()
    page.locator("#f-subject").select_option(label=f"Order {ids['order']}")
    page.locator("#f-description").fill("Two panels arrived bent.")
    page.locator("#f-file").set_input_files(str(photo))
    page.get_by_role("button", name="File the complaint").click()
    expect(page.get_by_text("Two panels arrived bent.")).to_be_visible()
    expect(page.get_by_role("link", name="broken.png")).to_be_visible()

    with app.app_context(), kontora(app).db.unit() as s:
        assert s.get(Contract, ids["contract"]).status == "signed"
        gross = s.get(BillingDocument, ids["invoice"]).total_gross
        assert [(p.method, p.amount) for p in s.scalars(select(Payment))] == [("card", gross)]
