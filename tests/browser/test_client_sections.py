"""Links and forms inside the client page's sections lead to whole pages, not an emptied
sections block (the sections are a boosted region that swaps only itself)."""

from __future__ import annotations

import re
from typing import Any

from tests.browser.conftest import LiveServer
from tests.browser.staff import run, sign_in, staff_server  # noqa: F401  (a fixture)


def _client() -> int:
    from tests.plugins.offers.conftest import make_client

    return make_client("Carpați Construct SRL").id


def test_section_links_open_their_pages_and_come_back(staff_server: LiveServer,  # noqa: F811
                                                     page: Any) -> None:
    from playwright.sync_api import expect

    client_id = run(staff_server, _client)
    sign_in(staff_server, page)
    client_page = staff_server.url(f"/clients/{client_id}")

    page.goto(client_page)
    page.get_by_role("link", name="Add a contact person").click()
    expect(page.locator("h1")).not_to_have_text("Carpați Construct SRL")
    page.locator("input[name=name]").fill("Ion Popescu")
    page.locator("textarea[name=emails]").fill("ion@carpati.test")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-contact]")).to_contain_text("Ion Popescu")
    expect(page.locator("#k-sections [data-section]").first).to_be_visible()

    page.get_by_role("link", name="New offer").click()
    expect(page).to_have_url(re.compile("/offers/compose"))
    expect(page.locator("main form input[name=title]")).to_be_visible()

    page.goto(client_page)
    page.get_by_role("link", name="Log activity").first.click()
    expect(page).to_have_url(re.compile("/activities/compose"))
    expect(page.locator("#k-sections")).to_have_count(0)
    expect(page.locator("main form input[name=subject]")).to_be_visible()
