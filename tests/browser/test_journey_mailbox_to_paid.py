"""One client's whole journey in a real browser, from an e-mail to a paid invoice.

A request arrives in the company mailbox (a real Dovecot) -> Elena fetches the mailbox and
makes a lead of the message in one click -> prices it in the lead's cost calculator ->
creates the offer from the lead and sends it (real SMTP) -> the client opens the mailed
link and accepts, and the lead becomes the client -> the offer becomes an order, the order
a contract, sent for signature: the client signs from the mailed link and the signed PDF
comes back -> the acceptance protocol is made and signed the same way -> the invoice is
made from the contract, issued and e-mailed -> the client pays it by card (the demo
provider) from the mailed link -> Elena sees the invoice paid, by card.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from typing import Any

import pypdf
import pytest

from tests.browser.accessibility import checked
from tests.browser.conftest import LiveServer
from tests.browser.portal_steps import draw_signature
from tests.browser.staff import run, serve_staff, sign_in, someone_else, upgraded
from tests.fixtures.dovecot import Mailbox, dovecot_server, mailbox  # noqa: F401  (fixtures)
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.leads.mailbox import messages as m

SENDER, EMAIL = "Ion Popescu", "ion.popescu@lemnaria.ro"
COMPANY = "Lemnăria Popescu SRL"
TAX_ID = "24173653"
LINE = "Solid oak door"
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
    from tests.core.company.test_profile import ROMANIAN

    upgraded()
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


def _lead_priced_and_completed(page: Any) -> None:
    """The company named on the lead, and one priced line in its cost calculator."""
    from playwright.sync_api import expect

    page.locator(".k-page-head").get_by_role("link", name="Edit").click()
    page.fill("#f-company_name", COMPANY)
    page.fill("#f-country", "RO")
    page.fill("#f-tax_id", TAX_ID)
    page.fill("#f-currency", "RON")
    page.locator("main form").get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_contain_text(SUBJECT)

    checked(page)  # the tab is far down: clicking it scrolls
    page.get_by_role("tab", name="Cost calculator").click()
    lines = page.locator("#lead-lines")
    lines.get_by_label("Description").fill(LINE)
    lines.get_by_label("Quantity").fill("12")
    lines.get_by_label("Unit price").fill("850")
    lines.get_by_label("VAT rate (percent)").fill("19")
    lines.get_by_role("button", name="Add line").click()
    expect(lines.locator("[data-line-id]")).to_have_count(1)
    expect(lines.locator("[data-total=net]")).to_contain_text("10,200.00")     # 12 * 850


def _mailed_link(server: LiveServer, inbox: Inbox, subject: str) -> str:
    """The link in the last message to the client whose subject holds ``subject``."""
    found = [m for m in inbox.messages if m["To"] == EMAIL and subject in m["Subject"]]
    assert found, [(m["To"], m["Subject"]) for m in inbox.messages]
    mail = found[-1]
    return re.search(re.escape(server.base) + r"/l/\S+",
                     mail.get_body(("plain",)).get_content()).group(0)


def _offer_from_the_lead_sent(page: Any, server: LiveServer, inbox: Inbox) -> tuple[str, str]:
    """Create the offer from the lead, send it; the offer's address and the mailed link."""
    from playwright.sync_api import expect

    page.get_by_role("button", name="Create offer").click()
    expect(page).to_have_url(re.compile("/offers/\\d+"))
    expect(page.locator("[data-line]")).to_have_count(1)
    expect(page.locator("#offer-summary [data-summary=gross]")).to_contain_text("12,138.00")
    offer_url = page.url
    page.get_by_role("link", name="Send").click()
    expect(page.locator("#f-to")).to_have_value(EMAIL)
    page.locator("main form").get_by_role("button", name="Send").click()
    expect(page.locator("#offer-summary [data-status]")).to_have_attribute("data-status", "sent")
    return offer_url, _mailed_link(server, inbox, SUBJECT)


def _client_accepts(client: Any, link: str) -> None:
    from playwright.sync_api import expect

    client.goto(link)
    expect(client.get_by_text(SUBJECT).first).to_be_visible()
    client.get_by_role("button", name="Accept the offer").click()
    expect(client.locator("[data-decided=accepted]")).to_be_visible()


def _the_lead_became_the_client(page: Any, lead_url: str) -> None:
    """The won lead links to the client it became, a customer now, the sender its contact."""
    from playwright.sync_api import expect

    page.goto(lead_url)
    expect(page.locator("#lead-stage [data-status]")).to_have_text("Won")
    page.locator("#lead-stage").get_by_role("link", name="Client").click()
    expect(page.locator("h1")).to_have_text(COMPANY)
    expect(page.locator("[data-field=status]")).to_have_text("Customer")
    expect(page.locator("[data-contact]")).to_contain_text(SENDER)


def _order_and_contract(page: Any, offer_url: str) -> str:
    """Offer -> order -> contract, each by its conversion button; the contract's address."""
    from playwright.sync_api import expect

    page.goto(offer_url)
    expect(page.locator("#offer-summary [data-status]")).to_have_text("Accepted")
    page.get_by_role("button", name="Create order").click()
    expect(page).to_have_url(re.compile("/orders/\\d+"))
    expect(page.get_by_text(COMPANY).first).to_be_visible()
    page.get_by_role("button", name="Create contract").click()
    expect(page).to_have_url(re.compile("/contracts/\\d+"))
    expect(page.locator("[data-field=party_id]")).to_have_text(COMPANY)
    expect(page.locator("[data-field=value]")).to_contain_text("12,138.00")
    return page.url


def _client_signs(client: Any, link: str, title: str) -> None:
    """The client opens the mailed signing link, draws, names themself, consents, signs."""
    from playwright.sync_api import expect

    client.goto(link)
    expect(client.get_by_text(title).first).to_be_visible()
    expect(client.locator("#sign-form")).to_be_visible()
    draw_signature(client)
    client.fill("input[name=name]", SENDER)
    client.check("#consent")
    client.get_by_role("button", name="Sign", exact=True).click()
    expect(client.locator("[data-done]")).to_contain_text("the document is signed",
                                                          timeout=90_000)


def _signed_pdf(page: Any, server: LiveServer, kind: str, record_url: str) -> str:
    """The signed PDF's text, as staff download it; it carries a signature field."""
    record_id = record_url.rstrip("/").rsplit("/", 1)[1]
    pdf = page.request.get(server.url(f"/contracts/{kind}/{record_id}/pdf"), timeout=90_000)
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(pdf.body()))
    fields = reader.get_fields() or {}
    assert any(f.get("/FT") == "/Sig" and f.get("/V") for f in fields.values()), fields
    return "\n".join(p.extract_text() for p in reader.pages)


def _sent_for_signature(page: Any, server: LiveServer, inbox: Inbox) -> tuple[str, str]:
    """Send the contract or protocol on screen; its number (given on sending) and the
    signing link mailed to the client."""
    from playwright.sync_api import expect

    page.get_by_role("button", name="Send for signature").click()
    expect(page.locator("h1 [data-status]")).to_have_text("Sent for signature")
    number = re.search(r"[A-Z]+-\d{4}-\d{5}", page.locator("h1").inner_text()).group(0)
    return number, _mailed_link(server, inbox, f"{number}: please sign")


def _invoice_issued_and_sent(page: Any, server: LiveServer, inbox: Inbox,
                             contract_url: str) -> tuple[str, str, str]:
    """The invoice made from the contract, issued and e-mailed: its page, number and link."""
    from playwright.sync_api import expect

    page.goto(contract_url)
    page.locator(".k-page-head").get_by_role("button", name="Create invoice").click()
    expect(page).to_have_url(re.compile("/invoicing/\\d+"))
    expect(page.locator("h1 [data-status]")).to_have_text("Draft")
    expect(page.locator("[data-total]")).to_contain_text("RON12,138.00")
    page.get_by_role("button", name="Issue").click()
    expect(page.locator("h1 [data-status]")).to_have_text("Issued")
    number = re.search(r"[A-Z]+-\d{4}-\d{5}", page.locator("h1").first.inner_text())
    invoice_url = page.url
    page.get_by_role("button", name="Send by e-mail").click()
    return invoice_url, number.group(0), _mailed_link(server, inbox, number.group(0))


def _client_pays_by_card(client: Any, link: str, number: str) -> None:
    """From the mailed link, the demo card provider's page, and back with the money paid."""
    from playwright.sync_api import expect

    client.goto(link)
    expect(client.get_by_text(number).first).to_be_visible()
    client.get_by_role("button", name=re.compile("card", re.IGNORECASE)).click()
    expect(client.locator("[data-demo-pay]")).to_be_visible()
    expect(client.get_by_text("RON12,138.00")).to_be_visible()
    client.locator("[data-pay]").click()
    expect(client.get_by_text("the payment was received")).to_be_visible()


def test_from_an_email_in_the_mailbox_to_a_paid_invoice(
        journey_server: LiveServer, page: Any, browser: Any, smtp_inbox: Inbox,  # noqa: F811
        mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    from playwright.sync_api import expect

    monkeypatch.setenv("KONTORA_PAYMENTS_PROVIDER", "demo")
    server, inbox = journey_server, smtp_inbox
    run(server, _installed)
    mailbox.deliver(_request())
    sign_in(server, page)
    lead_url = _lead_from_the_mailbox(page, server)
    _lead_priced_and_completed(page)
    offer_url, link = _offer_from_the_lead_sent(page, server, inbox)
    with someone_else(browser, "test_journey_mailbox_to_paid-client") as client:
        _client_accepts(client, link)
        _the_lead_became_the_client(page, lead_url)

        contract_url = _order_and_contract(page, offer_url)
        contract, link = _sent_for_signature(page, server, inbox)
        _client_signs(client, link, contract)
        page.reload()
        expect(page.locator("h1 [data-status]")).to_have_text("Signed")
        text = _signed_pdf(page, server, "contract", contract_url)
        assert contract in text and COMPANY in text and LINE in text and SENDER in text

        page.locator(".k-page-head").get_by_role("link", name="Acceptance protocol").click()
        page.fill("#f-delivered_on", "2026-12-04")
        page.locator("main form").get_by_role("button", name="Save").click()
        expect(page.locator("h1 [data-status]")).to_have_text("Draft")
        protocol_url = page.url
        protocol, link = _sent_for_signature(page, server, inbox)
        _client_signs(client, link, protocol)
        page.reload()
        expect(page.locator("h1 [data-status]")).to_have_text("Signed")
        text = _signed_pdf(page, server, "protocol", protocol_url)
        assert protocol in text and COMPANY in text and LINE in text and SENDER in text

        invoice_url, invoice, link = _invoice_issued_and_sent(page, server, inbox, contract_url)
        _client_pays_by_card(client, link, invoice)
    page.goto(invoice_url)
    paid = page.locator("[data-payment-status]")
    expect(paid).to_have_attribute("data-payment-status", "paid")
    expect(paid.locator(".badge")).to_have_text("Paid")
    expect(paid.locator("[data-paid]")).to_have_text("RON12,138.00")
    expect(paid.locator("[data-open]")).to_have_text("RON0.00")
    checked(page)  # the payment's link is far down: clicking it scrolls
    paid.get_by_role("link", name=re.compile("Payment")).click()
    expect(page.get_by_text("Card online").first).to_be_visible()
    expect(page.get_by_text(COMPANY).first).to_be_visible()
