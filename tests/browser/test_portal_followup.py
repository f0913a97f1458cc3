"""In a real browser at phone width (375 px): the client asks about its order with a file,
follows its shipment and fills a questionnaire in the portal; axe checks every page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from core.app import kontora
from core.identity.users import principal_for
from tests.browser.conftest import LiveServer
from tests.browser.portal_steps import PHONE, fits_phone
from tests.browser.test_portal_walkthrough import portal_server  # noqa: F401  (a fixture)
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.complaints.conftest import PNG
from tests.plugins.leads.test_portal_questionnaires import send_brief
from tests.plugins.portal.conftest import PASSWORD


def _prepare(app: Any) -> dict[str, Any]:
    """The client's confirmed order with a planned shipment, a questionnaire sent for the
    client, and the invitation."""
    from plugins.orders.services import confirm_order, create_order
    from plugins.portal.services.accounts import invite
    from plugins.shipping import services as shipping
    from tests.plugins.orders.conftest import make_client, make_user
    from tests.plugins.shipping.conftest import LINES, STAFF, make_carrier

    with app.test_request_context(), kontora(app).db.unit():
        user = make_user("sam", sorted({*STAFF, "portal.invite"}))
        client = make_client("Alfa Construct SRL", user, email="office@alfa.test")
        staff = principal_for(user.id)
        order = create_order(staff, {"party_id": client.id, "currency": "RON",
                                     "lines": LINES})
        confirm_order(staff, order.id)
        shipment = shipping.create_shipment(staff, {
            "order_id": order.id, "carrier_id": make_carrier(staff).id,
            "planned_dispatch": "2026-03-02"})
        ids = {"staff": user.id, "client": client.id, "order": order.id,
               "number": order.number, "shipment": shipment.id}
    ids["questionnaire"] = send_brief(app, ids["client"])[0]
    with app.test_request_context(), kontora(app).db.unit():
        invite(principal_for(ids["staff"]), ids["client"],
               {"email": "ioana@alfa.test", "name": "Ioana Pop"})
    return ids


def test_the_client_asks_follows_and_answers_on_a_phone(portal_server: LiveServer,  # noqa: F811
                                                        page: Any, smtp_inbox: Inbox,  # noqa: F811
                                                        tmp_path: Path) -> None:
    from playwright.sync_api import expect

    ids = _prepare(portal_server.app)
    page.set_viewport_size(PHONE)
    mail = next(m for m in smtp_inbox.messages if m["To"] == "ioana@alfa.test")
    link = re.search(re.escape(portal_server.base) + r"(/l/\S+)",
                     mail.get_body(("plain",)).get_content()).group(1)
    page.goto(portal_server.url(link))
    page.locator("#f-password").fill(PASSWORD)
    page.locator("#f-confirm").fill(PASSWORD)
    page.get_by_role("button", name="Set password and sign in").click()
    expect(page.get_by_role("heading", name="Alfa Construct SRL")).to_be_visible()

    page.goto(portal_server.url(f"/portal/orders/{ids['order']}"))
    plan = tmp_path / "plan.png"
    plan.write_bytes(PNG)
    page.locator("#thread-body").fill("Can the second pallet come on Friday?")
    page.locator("#thread-file").set_input_files(str(plan))
    page.get_by_role("button", name="Send").click()
    expect(page.locator("[data-thread]")).to_contain_text("second pallet")
    expect(page.get_by_role("link", name="plan.png")).to_be_visible()
    fits_phone(page)

    page.goto(portal_server.url("/portal/shipments/"))
    fits_phone(page)
    page.locator(f'a[href="/portal/shipments/{ids["shipment"]}"]').click()
    expect(page.locator("[data-status]")).to_contain_text("Planned")
    expect(page.get_by_text("FastCargo")).to_be_visible()
    fits_phone(page)

    page.goto(portal_server.url("/portal/questionnaires/"))
    page.locator(f'a[href="/portal/questionnaires/{ids["questionnaire"]}"]').click()
    page.locator("#f-q1").fill("A warehouse")
    page.locator("#f-q2").fill("1200")
    page.locator("#q6-no").check()
    page.get_by_role("button", name="Send the answers").click()
    expect(page.locator("[data-answers]")).to_contain_text("A warehouse")
    fits_phone(page)
