"""One sale end to end in a real browser, with the embedded default (no SMTP): a new client
and its contact person, a lead linked to it, an offer with its lines, the preview with the
company's header, sending, the mail catcher's link opened by the client, who accepts; the
order; the client page showing the lead, the offer, the order and the client a customer;
the client page, the offer and the lead board usable at a phone's width."""

from __future__ import annotations

import re
from typing import Any

from tests.browser.accessibility import sideways_overflow, small_targets
from tests.browser.conftest import RESULTS, LiveServer
from tests.browser.staff import (  # noqa: F401  (staff_server: a fixture)
    run,
    sign_in,
    someone_else,
    staff_server,
    upgraded,
)

PHONE = {"width": 375, "height": 812}
CLIENT, PERSON, EMAIL = "Delta Impex SRL", "Ioana Marinescu", "ioana@delta.test"
LEAD, OFFER = "Warehouse racks for Brașov", "Racks for the Brașov warehouse"


def _installed() -> None:
    """What ``kontora db upgrade`` seeds (the sales pipeline among it), and the company
    profile whose legal name and requisites head every document."""
    from core.company import save_company
    from core.db import session
    from core.identity.models import User
    from core.identity.users import staff_principal
    from tests.core.company.test_profile import ROMANIAN

    upgraded()
    admin = session().query(User).filter_by(login="elena").one()
    save_company(staff_principal(admin), ROMANIAN)


def _pick(page: Any, name: str, typed: str, option: str, scope: Any = None) -> None:
    """Type into the record picker labelled ``name`` and choose the option named ``option``."""
    from playwright.sync_api import expect

    where = scope or page
    where.get_by_role("combobox", name=name).fill(typed)
    where.get_by_role("listbox", name=name).get_by_role(
        "option", name=re.compile(re.escape(option))).click()
    expect(where.get_by_role("combobox", name=name)).to_have_value(option)


def _new_client_with_a_contact(page: Any, server: LiveServer) -> str:
    """The client page's address, after making the client and its contact person there."""
    from playwright.sync_api import expect

    page.goto(server.url("/clients/"))
    page.locator(".k-page-head").get_by_role("link", name=re.compile("New")).click()
    expect(page).to_have_url(re.compile("/clients/new"))
    page.fill("input[name=name]", CLIENT)
    page.fill("input[name=country]", "RO")
    page.fill("input[name=email]", "office@delta.test")
    page.locator("main form").get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_have_text(CLIENT)
    expect(page.locator("[data-field=status]")).to_have_text("Prospect")
    client_url = page.url

    page.get_by_role("link", name="Add a contact person").click()
    expect(page.locator("h1")).to_contain_text("Add a contact person")
    page.locator("input[name=name]").fill(PERSON)
    page.locator("textarea[name=emails]").fill(EMAIL)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-contact]")).to_contain_text(PERSON)
    return client_url


def _lead_linked_to_the_client(page: Any, server: LiveServer) -> str:
    """The lead page's address, after making the lead and linking it to the client."""
    from playwright.sync_api import expect

    page.goto(server.url("/leads/board"))
    page.get_by_role("link", name="New lead").click()
    page.fill("#f-title", LEAD)
    page.fill("#f-budget", "12000")
    page.fill("#f-currency", "RON")
    page.locator("main form").get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_contain_text(LEAD)
    lead_url = page.url

    page.get_by_role("link", name="Convert to client").click()
    link = page.locator("#convert-link")
    _pick(page, "Client", "delta", CLIENT, scope=link)
    link.get_by_role("button", name="Link the lead to this client").click()
    expect(page.locator("h1")).to_have_text(CLIENT)
    return lead_url


def _offer_with_lines(page: Any, server: LiveServer) -> str:
    """The offer page's address: client and contact picked, two lines, one changed in place."""
    from playwright.sync_api import expect

    page.goto(server.url("/offers/compose"))
    page.fill("#f-title", OFFER)
    page.fill("#f-currency", "RON")
    _pick(page, "Client", "impex", CLIENT)
    _pick(page, "Contact person", "ioana", PERSON)
    page.locator("main form").get_by_role("button", name="Save").click()
    expect(page.locator("#offer-summary [data-contact]")).to_have_text(PERSON)
    offer_url = page.url

    add = page.locator("#offer-lines-box form[action$='/lines']")
    for count, (description, price) in enumerate((("Pallet rack", "850"),
                                                  ("Assembly", "150")), start=1):
        add.locator("input[name=description]").fill(description)
        add.locator("input[name=quantity]").fill("1")
        add.locator("input[name=unit_price]").fill(price)
        add.locator("input[name=vat_rate]").fill("19")
        add.get_by_role("button", name="Add").click()
        expect(page.locator("[data-line]")).to_have_count(count)
    gross = page.locator("#offer-summary [data-summary=gross]")
    expect(gross).to_contain_text("1,190.00")                   # 1000 * 1.19
    page.get_by_label("Quantity of line 1").fill("12")
    page.get_by_label("Quantity of line 1").press("Enter")
    expect(gross).to_contain_text("12,316.50")                  # (12 * 850 + 150) * 1.19
    return offer_url


def _preview_shows_the_company(page: Any) -> None:
    from playwright.sync_api import expect

    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Preview").click()
    preview = opened.value
    header = preview.locator("header.k-company")
    expect(header).to_contain_text("Carpați Construct SRL")
    expect(header).to_contain_text("CUI/CIF: 18547290")
    expect(header).to_contain_text("IBAN RO49AAAA1B31007593840000")
    expect(preview.get_by_text("Pallet rack")).to_be_visible()
    preview.close()


def _send_and_find_the_link(page: Any, server: LiveServer) -> str:
    """Send the offer, then read its link in the mail catcher."""
    from playwright.sync_api import expect

    page.get_by_role("link", name="Send").click()
    expect(page.locator("#f-to")).to_have_value(EMAIL)
    page.locator("main form").get_by_role("button", name="Send").click()
    expect(page.locator("#offer-summary [data-status]")).to_have_attribute("data-status", "sent")

    page.goto(server.url("/admin/mail/"))
    expect(page.locator("[data-caught]")).to_be_visible()
    page.get_by_role("link", name=re.compile(re.escape(OFFER))).first.click()
    expect(page).to_have_url(re.compile("/admin/mail/\\d+"))
    expect(page.get_by_text("Not sent — no SMTP").first).to_be_visible()
    expect(page.get_by_text(EMAIL).first).to_be_visible()
    link = page.locator("[data-body] a").first
    expect(link).to_have_attribute("href", re.compile(re.escape(server.base) + "/l/"))
    return str(link.get_attribute("href"))


def _client_accepts(browser: Any, link: str) -> None:
    """The client, in a browser of their own, opens the mailed link and accepts; their last
    screen is kept under test-results/ beside the staff's."""
    from playwright.sync_api import expect

    with someone_else(browser, "test_a_sale_from_new_client_to_order-client") as client:
        client.goto(link)
        expect(client.get_by_text(OFFER).first).to_be_visible()
        client.get_by_role("button", name="Accept the offer").click()
        expect(client.locator("[data-decided=accepted]")).to_be_visible()


def _order_from_the_offer(page: Any, offer_url: str) -> str:
    """The order's number, made by the offer's one-click conversion."""
    from playwright.sync_api import expect

    page.goto(offer_url)
    expect(page.locator("#offer-summary [data-status]")).to_have_text("Accepted")
    expect(page.locator("[data-event=accepted]")).to_be_visible()
    page.get_by_role("button", name="Create order").click()
    expect(page).to_have_url(re.compile("/orders/\\d+"))
    expect(page.locator("[data-field=contact_id]")).to_have_text(PERSON)
    title = page.locator("h1").last.inner_text()
    return next(word for word in title.split() if re.search(r"\d", word))


def _section(page: Any, title: str) -> Any:
    """The client page's section headed ``title``."""
    return page.locator("#k-sections [data-section]").filter(
        has=page.locator("summary", has_text=re.compile(f"^{title}$")))


def _usable_on_a_phone(page: Any, where: str, name: str, action: Any) -> None:
    """``where`` fits a phone's width, with no control too small to tap and ``action`` on
    screen; the page is kept as ``test-results/sale-375-<name>.png`` whatever the outcome."""
    from playwright.sync_api import expect

    page.goto(where)
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"sale-375-{name}.png"), full_page=True)
    assert sideways_overflow(page) == 0, f"{where} scrolls sideways at 375 px"
    assert not small_targets(page), f"{where}: tap targets under 24 px"
    expect(action).to_be_visible()
    expect(action).to_be_enabled()
    action.click(trial=True)                   # on screen, not covered: a tap would land


def test_a_sale_from_new_client_to_order(staff_server: LiveServer, page: Any,  # noqa: F811
                                         browser: Any) -> None:
    from playwright.sync_api import expect

    run(staff_server, _installed)
    sign_in(staff_server, page)
    client_url = _new_client_with_a_contact(page, staff_server)
    lead_url = _lead_linked_to_the_client(page, staff_server)
    offer_url = _offer_with_lines(page, staff_server)
    _preview_shows_the_company(page)
    link = _send_and_find_the_link(page, staff_server)
    _client_accepts(browser, link)
    order = _order_from_the_offer(page, offer_url)

    page.goto(client_url)
    expect(page.locator("[data-field=status]")).to_have_text("Customer")
    expect(_section(page, "Leads")).to_contain_text(LEAD)
    expect(_section(page, "Offers")).to_contain_text(OFFER)
    expect(_section(page, "Orders")).to_contain_text(order)
    _section(page, "Leads").get_by_role("link", name=LEAD).click()
    expect(page).to_have_url(lead_url)

    page.set_viewport_size(PHONE)
    head = page.locator(".k-page-head")
    _usable_on_a_phone(page, client_url, "client", head.get_by_role("link", name="Edit"))
    _usable_on_a_phone(page, offer_url, "offer", head.get_by_role("link", name="Preview"))
    _usable_on_a_phone(page, staff_server.url("/leads/board"), "board",
                       head.get_by_role("link", name="New lead"))
