"""A member of staff signs in, switches to Romanian, lists notes, adds one, mistypes another."""

from __future__ import annotations

import re
from typing import Any

from flask import url_for

from core.identity.users import create_user
from core.kernel import kontora
from core.permissions import seed_roles
from tests.browser.conftest import LiveServer

LOGIN, PASSWORD = "maria", "a long enough password"


def add_staff_user(server: LiveServer) -> None:
    with server.app.app_context(), kontora(server.app).db.unit() as s:
        seed_roles(s)
        create_user(LOGIN, "Maria Popescu", password=PASSWORD, roles=["admin"])


def path_of(server: LiveServer, endpoint: str) -> str:
    with server.app.test_request_context():
        return url_for(endpoint)


def test_sign_in_switch_language_list_create_and_see_a_field_error(
        live_server: LiveServer, page: Any) -> None:
    from playwright.sync_api import expect

    add_staff_user(live_server)
    page.goto(live_server.url("/login"))
    page.fill("input[name=login]", LOGIN)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.click("#k-language-toggle")
    page.get_by_role("button", name="Română").click()
    expect(page.locator("html")).to_have_attribute("lang", "ro")
    expect(page.get_by_placeholder("Căutare…")).to_be_visible()

    page.goto(live_server.url(path_of(live_server, "sample.note_list")))
    page.get_by_role("link", name=re.compile("Nou")).first.click()
    page.fill("#f-title", "Ofertă pentru client")
    page.fill("#f-amount", "1234.50")
    page.get_by_role("button", name="Salvează").click()
    expect(page.get_by_text("înregistrarea a fost creată")).to_be_visible()
    expect(page.get_by_text("Ofertă pentru client").first).to_be_visible()
    expect(page.get_by_text("1.234,50")).to_be_visible()

    page.goto(live_server.url(path_of(live_server, "sample.note_new")))
    page.fill("#f-title", "Greșită")
    page.fill("#f-amount", "o mie")
    page.get_by_role("button", name="Salvează").click()
    expect(page.locator("#f-amount")).to_have_class(re.compile("is-invalid"))
    expect(page.locator("#f-amount-error")).to_be_visible()
