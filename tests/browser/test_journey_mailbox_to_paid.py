"""One client's whole journey in a real browser, from an e-mail to a paid invoice.

A request arrives in the company mailbox (a real Dovecot) -> Elena fetches the mailbox and
makes a lead of the message in one click -> prices it in the lead's cost calculator ->
creates the offer from the lead and sends it (real SMTP) -> the client opens the mailed
link and accepts, and the lead becomes the client -> the offer becomes an order, the order
a contract, sent for signature: the client signs from the mailed link and the signed PDF
comes back -> the acceptance protocol is made and signed the same way -> the invoice is
made from the order and issued -> the client pays it by card (the demo provider) from the
mailed link -> Elena sees the invoice paid.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from typing import Any

import pypdf
import pytest

from tests.browser.accessibility import check_now, watch
from tests.browser.conftest import RESULTS, LiveServer
from tests.browser.portal_steps import draw_signature
from tests.browser.staff import run, serve_staff, sign_in
from tests.fixtures.dovecot import Mailbox, dovecot_server, mailbox  # noqa: F401  (fixtures)
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.leads.mailbox import messages as m

SENDER, EMAIL = "Ion Popescu", "ion.popescu@lemnaria.ro"
COMPANY = "Lemnăria Popescu SRL"
SUBJECT = "Cerere ofertă: uși și ferestre pentru Brașov"


@pytest.fixture
def journey_server(make_app: Callable[..., Any], smtp_inbox: Inbox,  # noqa: F811
                   mailbox: Mailbox) -> Iterator[LiveServer]:  # noqa: F811
    """Every plugin, reading ``mailbox`` and sending through ``smtp_inbox``."""
    with serve_staff(make_app, KONTORA_SMTP_URL=smtp_inbox.url,
                     KONTORA_MAILBOX_URL=mailbox.url) as server:
        yield server


def _installed() -> None:
    """What ``kontora db upgrade`` seeds (the sales pipeline among it), and the company
    profile whose requisites head every document."""
    from core.company import save_company
    from core.db import session
    from core.identity.models import User
    from core.identity.users import staff_principal
    from core.kernel import kontora
    from tests.core.company.test_profile import ROMANIAN

    kontora().call_in_order("kontora_after_upgrade", session=session())
    admin = session().query(User).filter_by(login="elena").one()
    save_company(staff_principal(admin), ROMANIAN)


def _request() -> bytes:
    return m.plain(f"{SENDER} <{EMAIL}>", SUBJECT,
                   "Bună ziua,\n\naș dori o ofertă pentru 12 uși din lemn.\n"
                   f"Mulțumesc,\n{SENDER}\n{COMPANY}\n", "<request-1@lemnaria.ro>")


def _lead_from_the_mailbox(page: Any, server: LiveServer) -> str:
    """Fetch the mailbox, open the message, make the lead; the lead page's address."""
    from playwright.sync_api import expect

    page.goto(server.url("/leads/mailbox/"))
    page.get_by_role("link", name="Mailbox settings").click()
    page.get_by_role("button", name=re.compile("Fetch now")).click()
    expect(page.locator("#mailbox-fetch-states")).to_contain_text("1 imported")
    page.goto(server.url("/leads/mailbox/"))
    row = page.locator("[data-message-id]").filter(has_text=SUBJECT)
    expect(row).to_contain_text(EMAIL)
    row.get_by_role("link", name=SUBJECT).click()
    expect(page.locator("[data-mail-text]")).to_contain_text("12 uși din lemn")
    page.get_by_role("button", name="Make a lead").click()
    expect(page.locator("h1")).to_contain_text(SUBJECT)
    expect(page.get_by_text(f"Lead {SUBJECT} made from the e-mail.")).to_be_visible()
    return page.url


def test_from_an_email_in_the_mailbox_to_a_paid_invoice(
        journey_server: LiveServer, page: Any, browser: Any, smtp_inbox: Inbox,  # noqa: F811
        mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setenv("KONTORA_PAYMENTS_PROVIDER", "demo")
    run(journey_server, _installed)
    mailbox.deliver(_request())
    sign_in(journey_server, page)
    lead_url = _lead_from_the_mailbox(page, journey_server)
    page.goto(lead_url)
