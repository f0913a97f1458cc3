"""The record picker in a real browser: type part of a tax id, pick with the keyboard,
save; create a client from the picker and come back with it picked and the form kept;
the offers list filters by a picked client; usable at a phone's width; a generic form's
record field (the lead's existing client)."""

from __future__ import annotations

import re
from typing import Any

from tests.browser.conftest import LiveServer
from tests.browser.staff import run, sign_in, staff_server  # noqa: F401  (a fixture)


def _clients() -> None:
    from tests.plugins.offers.conftest import make_client

    make_client("Carpați Construct SRL", email="office@carpati.test")
    other = make_client("Dunărea Logistic SRL", email="office@dunarea.test")
    other.tax_id = "RO40404040"


def test_pick_by_tax_id_with_the_keyboard_and_create_from_the_picker(
        staff_server: LiveServer, page: Any) -> None:  # noqa: F811
    from playwright.sync_api import expect

    run(staff_server, _clients)
    sign_in(staff_server, page)
    page.goto(staff_server.url("/offers/compose"))
    page.fill("#f-title", "Warehouse racks")
    client = page.get_by_role("combobox", name="Client")
    client.fill("4040")
    options = page.get_by_role("listbox", name="Client").get_by_role("option")
    expect(options).to_have_count(1)
    expect(options.first).to_contain_text("Dunărea Logistic SRL")
    client.press("ArrowDown")
    expect(client).to_have_attribute("aria-activedescendant", re.compile("options-0"))
    client.press("Enter")
    expect(client).to_have_value("Dunărea Logistic SRL")
    expect(page.locator("#f-party_id")).not_to_have_value("")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#offer-summary")).to_contain_text("Dunărea Logistic SRL")

    page.goto(staff_server.url("/offers/compose"))
    page.fill("#f-title", "Scaffolding")
    page.locator("[data-field=party_id] [data-picker-create]").click()
    expect(page).to_have_url(re.compile("/clients/new"))
    page.fill("input[name=name]", "Olt Metal SRL")
    page.fill("input[name=country]", "RO")
    page.locator("main form button[type=submit], main form button:not([type])").first.click()
    expect(page).to_have_url(re.compile("/offers/compose"))
    expect(page.get_by_role("combobox", name="Client")).to_have_value("Olt Metal SRL")
    expect(page.locator("#f-title")).to_have_value("Scaffolding")

    page.goto(staff_server.url("/offers/"))
    page.get_by_role("combobox", name="Client").fill("carp")
    page.get_by_role("option", name=re.compile("Carpați")).click()
    expect(page.locator("#f-party_id")).not_to_have_value("")

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(staff_server.url("/offers/compose"))
    picker = page.get_by_role("combobox", name="Client")
    picker.fill("SRL")
    expect(page.get_by_role("listbox", name="Client").get_by_role("option")).to_have_count(3)
    box = page.get_by_role("listbox", name="Client").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def _client_with_contacts() -> None:
    from core.db import session
    from core.identity.models import User
    from core.identity.users import staff_principal
    from plugins.parties.services.contacts import add_contact
    from tests.plugins.offers.conftest import make_client

    elena = staff_principal(session().query(User).filter_by(login="elena").one())
    for name, person in (("Carpați Construct SRL", "Maria Ionescu"),
                         ("Dunărea Logistic SRL", "Maria Petrova")):
        client = make_client(name)
        add_contact(elena, client.id, {"contact": {"name": person, "methods": [
            {"channel": "email", "value": f"{person.split()[1].lower()}@example.test"}]}})


def test_contact_person_is_picked_among_the_clients_people(
        staff_server: LiveServer, page: Any) -> None:  # noqa: F811
    from playwright.sync_api import expect

    run(staff_server, _client_with_contacts)
    sign_in(staff_server, page)
    page.goto(staff_server.url("/offers/compose"))
    page.fill("#f-title", "Racks")
    page.get_by_role("combobox", name="Client").fill("logistic")
    page.get_by_role("option", name=re.compile("Dunărea")).click()
    contact = page.get_by_role("combobox", name="Contact person")
    contact.fill("maria")
    options = page.get_by_role("listbox", name="Contact person").get_by_role("option")
    expect(options).to_have_count(1)
    expect(options.first).to_contain_text("Maria Petrova")
    contact.press("Enter")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#offer-summary [data-contact]")).to_have_text("Maria Petrova")
    expect(page.locator("#offer-summary")).to_contain_text("petrova@example.test")


def _clients_and_pipeline() -> None:
    from core.db import session
    from plugins.leads.seed import seed_defaults

    seed_defaults(session())
    _clients()


def test_new_lead_picks_an_existing_client_by_part_of_its_name(
        staff_server: LiveServer, page: Any) -> None:  # noqa: F811
    from playwright.sync_api import expect

    run(staff_server, _clients_and_pipeline)
    sign_in(staff_server, page)
    page.goto(staff_server.url("/leads/new"))
    page.fill("#f-title", "Racks for the new warehouse")
    client = page.get_by_role("combobox", name="Existing client")
    client.fill("dunăr")
    page.get_by_role("option", name=re.compile("Dunărea")).click()
    expect(client).to_have_value("Dunărea Logistic SRL")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-field=client_id]")).to_have_text("Dunărea Logistic SRL")
