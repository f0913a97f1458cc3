"""A client signs a contract and pays an invoice with the demo card from the portal, in a
real browser and on a 375 px wide phone: the drawn signature goes through the e-mailed
link's signing service, the card payment through the invoice link's payment start."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from core.app import kontora
from core.db import session
from tests.browser.conftest import LiveServer
from tests.browser.test_portal_walkthrough import portal_server  # noqa: F401  (a fixture)
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.portal.conftest import PASSWORD
from tests.plugins.portal.paperwork import issued_invoice, sent_contract

PHONE = {"width": 375, "height": 800}


def _prepare(app: Any) -> dict[str, Any]:
    """A client with a contract sent for signature and an issued invoice; the invitation."""
    from plugins.portal.services.accounts import invite
    from tests.plugins.orders.conftest import make_client, make_user

    with app.test_request_context(), kontora(app).db.unit():
        user = make_user("sam", ["portal.invite", "parties.read"])
        client = make_client("Alfa Construct SRL", user, email="office@alfa.test")
        ids = {"staff": user.id, "client": client.id}
    ids["contract"] = sent_contract(app, ids["client"], "Scaffolding rental 2026")
    ids["invoice"] = issued_invoice(app, ids["client"], "100")
    from core.identity.users import principal_for

    with app.test_request_context(), kontora(app).db.unit():
        invite(principal_for(ids["staff"]), ids["client"],
               {"email": "ioana@alfa.test", "name": "Ioana Pop"})
    return ids


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_a_client_signs_and_pays_from_the_portal_on_a_phone(
        portal_server: LiveServer, page: Any, smtp_inbox: Inbox,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    from playwright.sync_api import expect

    from plugins.contracts.models import Contract, Signature
    from plugins.payments.models import Payment

    monkeypatch.setenv("KONTORA_PAYMENTS_PROVIDER", "demo")
    ids = _prepare(portal_server.app)
    mail = next(m for m in smtp_inbox.messages if m["To"] == "ioana@alfa.test")
    link = re.search(re.escape(portal_server.base) + r"(/l/\S+)",
                     mail.get_body(("plain",)).get_content()).group(1)
    page.set_viewport_size(PHONE)
    page.goto(portal_server.url(link))
    page.locator("#f-password").fill(PASSWORD)
    page.locator("#f-confirm").fill(PASSWORD)
    page.get_by_role("button", name="Set password and sign in").click()
    expect(page.get_by_role("heading", name="Alfa Construct SRL")).to_be_visible()

    page.get_by_role("navigation").get_by_role("link", name="Contracts").click()
    expect(page.get_by_text("Awaiting your signature")).to_be_visible()
    _fits(page)
    page.locator(f'a[href="/portal/contracts/contract/{ids["contract"]}"]').click()
    expect(page.locator("#sign-form")).to_be_visible()
    _fits(page)
    canvas = page.locator("#signature-pad")
    canvas.scroll_into_view_if_needed()  # below the PDF: the mouse only reaches the viewport
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 140)
    page.mouse.down()
    for step in range(1, 20):  # a wavy stroke across the pad
        page.mouse.move(box["x"] + 20 + step * 15, box["y"] + 100 + (40 if step % 2 else -40))
    page.mouse.up()
    page.locator("#f-name").fill("Ioana Pop")
    page.check("#consent")
    page.get_by_role("button", name="Sign", exact=True).dblclick()  # an impatient double click
    expect(page.locator("[data-status]")).to_have_text("Signed", timeout=90_000)  # sealed inline
    for _ in range(30):  # the sealing job runs after the signature's commit
        if page.locator("[data-signed-pdf]").count():
            break
        expect(page.locator("[data-sealing]")).to_be_visible()
        page.wait_for_timeout(1000)
        page.reload()
    expect(page.locator("[data-signed-pdf]")).to_be_visible()

    page.get_by_role("navigation").get_by_role("link", name="Invoices").click()
    _fits(page)
    page.get_by_role("button", name=re.compile("Pay by card")).click()
    expect(page.locator("[data-demo-pay]")).to_be_visible()
    page.locator("[data-pay]").dblclick()
    expect(page.get_by_text("the payment was received")).to_be_visible()

    page.goto(portal_server.url("/portal/payments/"))
    expect(page.locator("[data-payment]")).to_have_count(1)
    expect(page.get_by_text("Card online")).to_be_visible()
    _fits(page)

    with portal_server.app.app_context(), kontora(portal_server.app).db.unit():
        assert session().get(Contract, ids["contract"]).status == "signed"
        signature = session().scalars(select(Signature)).one()
        assert signature.signer_email == "ioana@alfa.test" and len(signature.image) > 200
        assert [(p.method, p.amount) for p in session().scalars(select(Payment))] == \
            [("card", Decimal("119.00"))]
