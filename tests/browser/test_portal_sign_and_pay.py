"""On a 375 px wide phone, an impatient client double-clicks "Sign" and "Pay": one
signature and one card payment come of it, and the contracts, invoices and payments pages
fit the screen. The whole walk, signing and paying included, is
``test_portal_walkthrough.py``; this test keeps what it does not cover."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from core.app import kontora
from core.db import session
from core.identity.users import principal_for
from tests.browser.conftest import LiveServer
from tests.browser.portal_steps import (
    PHONE,
    draw_signature,
    fits_phone,
    sign_in_from_invitation,
)
from tests.browser.test_portal_walkthrough import portal_server  # noqa: F401  (a fixture)
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.portal.paperwork import issued_invoice, sent_contract

SEALED = """url => {  // a synchronous request: Playwright repeats the check until it is true
    const request = new XMLHttpRequest();
    request.open("HEAD", url, false);
    request.send();
    return request.status === 200;
}"""


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
    with app.test_request_context(), kontora(app).db.unit():
        invite(principal_for(ids["staff"]), ids["client"],
               {"email": "ioana@alfa.test", "name": "Ioana Pop"})
    return ids


def test_double_clicks_on_a_phone_sign_and_pay_once(
        portal_server: LiveServer, page: Any, smtp_inbox: Inbox,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    from playwright.sync_api import expect

    from plugins.contracts.models import Contract, Signature
    from plugins.payments.models import Payment

    monkeypatch.setenv("KONTORA_PAYMENTS_PROVIDER", "demo")
    ids = _prepare(portal_server.app)
    page.set_viewport_size(PHONE)
    sign_in_from_invitation(page, portal_server, smtp_inbox, "ioana@alfa.test",
                            "Alfa Construct SRL")

    page.get_by_role("navigation").get_by_role("link", name="Contracts").click()
    expect(page.get_by_text("Awaiting your signature")).to_be_visible()
    fits_phone(page)
    page.locator(f'a[href="/portal/contracts/contract/{ids["contract"]}"]').click()
    expect(page.locator("#sign-form")).to_be_visible()
    fits_phone(page)
    draw_signature(page)
    page.locator("#f-name").fill("Ioana Pop")
    page.check("#consent")
    page.get_by_role("button", name="Sign", exact=True).dblclick()
    expect(page.locator("[data-status]")).to_have_text("Signed", timeout=90_000)
    # The page answering the second click may come while the first one is still sealing:
    # wait for the signed PDF to exist, then reload to see its link.
    page.wait_for_function(SEALED, arg=portal_server.url(
        f"/portal/contracts/contract/{ids['contract']}/signed.pdf"), polling=500, timeout=90_000)
    page.reload()
    expect(page.locator("[data-signed-pdf]")).to_be_visible()

    page.get_by_role("navigation").get_by_role("link", name="Invoices").click()
    fits_phone(page)
    expect(page.locator('[data-badge="payment-unpaid"]')).to_have_count(1)
    page.get_by_role("button", name=re.compile("Pay by card")).click()
    expect(page.locator("[data-demo-pay]")).to_be_visible()
    page.locator("[data-pay]").dblclick()
    expect(page.get_by_text("the payment was received")).to_be_visible()
    page.locator("[data-back]").click()  # back to the portal's invoices, now paid
    expect(page.locator('[data-badge="payment-paid"]')).to_have_count(1)
    fits_phone(page)

    page.goto(portal_server.url("/portal/payments/"))
    expect(page.locator("[data-payment]")).to_have_count(1)
    expect(page.get_by_text("Card online")).to_be_visible()
    fits_phone(page)

    with portal_server.app.app_context(), kontora(portal_server.app).db.unit():
        assert session().get(Contract, ids["contract"]).status == "signed"
        signature = session().scalars(select(Signature)).one()
        assert signature.signer_email == "ioana@alfa.test" and len(signature.image) > 200
        assert [(p.method, p.amount) for p in session().scalars(select(Payment))] == \
            [("card", Decimal("119.00"))]
