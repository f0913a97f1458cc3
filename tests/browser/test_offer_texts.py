"""Offer texts in a real browser: an admin adds a text and a salesperson's offer form picks
it; the pages pass axe-core and fit a phone's width without sideways scrolling."""

from __future__ import annotations

from typing import Any

from tests.browser.accessibility import sideways_overflow
from tests.browser.conftest import LiveServer
from tests.browser.staff import run, sign_in, staff_server  # noqa: F401  (a fixture)

PHONE = {"width": 375, "height": 812}


def _seed() -> None:
    from core.db import session
    from plugins.offers.seed import seed_offer_texts

    seed_offer_texts(session())


def test_admin_adds_a_text_and_the_offer_form_offers_it(
        staff_server: LiveServer, page: Any) -> None:  # noqa: F811
    from playwright.sync_api import expect

    run(staff_server, _seed)
    sign_in(staff_server, page)
    page.goto(staff_server.url("/offers/texts"))
    expect(page.locator("[data-offer-texts]")).to_contain_text("Standard")
    page.get_by_role("link", name="New offer text").click()
    page.get_by_label("Name").fill("Brief")
    page.get_by_label("Text (HTML with merge tags)").fill("{{ client.name ")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-field=body] .invalid-feedback")).to_be_visible()
    page.get_by_label("Text (HTML with merge tags)").fill("<p>Brief: {{ client.name }}</p>")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-offer-texts]")).to_contain_text("Brief")

    page.goto(staff_server.url("/offers/compose"))
    choice = page.get_by_label("Offer text")
    expect(choice.locator("option:checked")).to_have_text("Standard")
    choice.select_option(label="Brief")
    for path in ("/offers/texts", "/offers/texts/new", "/offers/compose"):
        page.set_viewport_size(PHONE)
        page.goto(staff_server.url(path))
        assert not sideways_overflow(page), path
