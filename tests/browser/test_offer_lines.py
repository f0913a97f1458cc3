"""Offer lines in a real browser: add, change in place, move by button and by drag, copy;
the one summary above the lines shows the current total after each change."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import LiveServer
from tests.browser.staff import run, sign_in, staff_server  # noqa: F401  (a fixture)


def _draft() -> int:
    from core.db import session
    from core.identity.models import User
    from core.identity.users import staff_principal
    from plugins.offers.services import create_offer
    from tests.plugins.offers.conftest import make_client

    client = make_client("Carpați Construct SRL", email="office@carpati.test")
    user = session().query(User).filter_by(login="elena").one()
    return create_offer(staff_principal(user), {
        "title": "Materials", "format": "table", "language": "en", "currency": "RON",
        "party_id": client.id}).id


def _descriptions(page: Any) -> list[str]:
    return page.locator("[data-line] input[name=description]").evaluate_all(
        "inputs => inputs.map(i => i.value)")


def test_lines_change_in_place_move_drag_copy_with_a_live_total(
        staff_server: LiveServer, page: Any) -> None:  # noqa: F811
    from playwright.sync_api import expect

    offer_id = run(staff_server, _draft)
    sign_in(staff_server, page)
    page.goto(staff_server.url(f"/offers/{offer_id}"))
    gross = page.locator("#offer-summary [data-summary=gross]")
    expect(gross).to_contain_text("0.00")

    add = page.locator("#offer-lines-box form[action$='/lines']")
    for description, price in (("Cement", "10"), ("Sand", "20"), ("Gravel", "30")):
        add.locator("input[name=description]").fill(description)
        add.locator("input[name=quantity]").fill("1")
        add.locator("input[name=unit_price]").fill(price)
        add.locator("input[name=vat_rate]").fill("19")
        add.get_by_role("button", name="Add").click()
        expect(page.locator("[data-line]")).to_have_count(
            ["Cement", "Sand", "Gravel"].index(description) + 1)
    expect(gross).to_contain_text("71.40")                   # 60 * 1.19
    expect(page.locator("[data-field=total_gross]")).to_have_count(0)

    page.get_by_label("Quantity of line 1").fill("3")
    page.get_by_label("Quantity of line 1").press("Enter")
    expect(gross).to_contain_text("95.20")                   # 80 * 1.19

    page.get_by_role("button", name="Move line 3 up").click()
    expect(page.locator("[data-line]").nth(1).locator("input[name=description]")) \
        .to_have_value("Gravel")
    assert _descriptions(page) == ["Cement", "Gravel", "Sand"]

    with page.expect_response(lambda answer: answer.url.endswith("/move")):
        page.locator("[data-line]").nth(2).locator(".k-drag-handle").drag_to(
            page.locator("[data-line]").nth(0), target_position={"x": 5, "y": 2})
    expect(page.locator("[data-line]").nth(0).get_by_role(     # the server's new order
        "button", name="Duplicate line 1")).to_be_visible()
    expect(page.locator("[data-line]").nth(0).locator("input[name=description]")) \
        .to_have_value("Sand")
    assert _descriptions(page) == ["Sand", "Cement", "Gravel"]

    page.get_by_role("button", name="Duplicate line 1").click()
    expect(page.locator("[data-line]")).to_have_count(4)
    assert _descriptions(page) == ["Sand", "Sand", "Cement", "Gravel"]
    expect(gross).to_contain_text("119.00")                  # 100 * 1.19

    page.reload()
    assert _descriptions(page) == ["Sand", "Sand", "Cement", "Gravel"]
    expect(gross).to_contain_text("119.00")
