"""Steps the portal browser tests share: signing in from the invitation e-mail and drawing
a signature on the signature pad."""

from __future__ import annotations

import re
from typing import Any

from tests.browser.conftest import LiveServer
from tests.fixtures.smtp import Inbox
from tests.plugins.portal.conftest import PASSWORD

PHONE = {"width": 375, "height": 812}
"""A phone's viewport, for the portal's 375 px checks."""


def sign_in_from_invitation(page: Any, server: LiveServer, inbox: Inbox, email: str,
                            client_name: str) -> None:
    """Follow the link in the invitation mailed to ``email`` and choose a password."""
    from playwright.sync_api import expect

    mail = next(m for m in inbox.messages if m["To"] == email)
    link = re.search(re.escape(server.base) + r"(/l/\S+)",
                     mail.get_body(("plain",)).get_content()).group(1)
    page.goto(server.url(link))
    page.locator("#f-password").fill(PASSWORD)
    page.locator("#f-confirm").fill(PASSWORD)
    page.get_by_role("button", name="Set password and sign in").click()
    expect(page.get_by_role("heading", name=client_name)).to_be_visible()


def draw_signature(page: Any) -> None:
    """A wavy stroke across the signature pad, drawn with the mouse."""
    canvas = page.locator("#signature-pad")
    canvas.scroll_into_view_if_needed()  # below the PDF: the mouse only reaches the viewport
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 140)
    page.mouse.down()
    for step in range(1, 20):
        page.mouse.move(box["x"] + 20 + step * 15, box["y"] + 100 + (40 if step % 2 else -40))
    page.mouse.up()


def fits_phone(page: Any) -> None:
    """The page, styled, is no wider than the phone (a click returns before the styles load)."""
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url
