"""Staff in a real browser turn an accepted offer into an invoice, issue it, and download
its PDF, its e-invoice XML and its Factur-X PDF; each file is read back. At a phone's width
the page fits and one line is credited."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pypdf import PdfReader
from werkzeug.serving import make_server

from core.conversions.views import record_url
from core.identity.users import create_user, staff_principal
from core.kernel import kontora
from core.permissions import seed_roles
from tests.browser.accessibility import checked, sideways_overflow, small_targets
from tests.browser.conftest import LiveServer
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.invoicing.conftest import make_client, make_iapp, make_seller  # noqa: F401
from tests.plugins.invoicing.test_conversions import LINES, SOURCES

LOGIN, PASSWORD = "ioana", "a long enough password"
PHONE = {"width": 375, "height": 812}
UBL = {"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}


@pytest.fixture
def sales_server(make_iapp: Callable[..., Any], smtp_inbox: Inbox) -> Iterator[LiveServer]:  # noqa: F811
    """Offers and invoicing with their dependencies, served over HTTP in a thread."""
    server = make_server("127.0.0.1", 0, None, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    app = make_iapp(SOURCES, KONTORA_SMTP_URL=smtp_inbox.url, KONTORA_BASE_URL=base)
    app.config["TESTING"] = False
    server.app = app
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer(app, base)
    server.shutdown()
    thread.join(timeout=10)


def _accepted_offer(server: LiveServer) -> str:
    """An offer sent and accepted by the client; returns its staff page's path."""
    from plugins.offers.services import accept_offer, create_offer, send_offer

    app = server.app
    with app.app_context(), kontora(app).db.unit() as s:
        seed_roles(s)
        user = create_user(LOGIN, "Ioana Pop", password=PASSWORD, roles=["admin"])
        make_seller()
        who = staff_principal(user)
        offer = create_offer(
            who,
            {
                "title": "Audit 2026",
                "party_id": make_client().id,
                "currency": "RON",
                "lines": LINES,
            },
        )
        send_offer(who, offer.id)
        offer_id = offer.id
    with app.app_context(), kontora(app).db.unit():
        accept_offer(offer_id, "Agreed")
    with app.test_request_context():
        return record_url("offers.offer", offer_id)


def _download(page: Any, selector: str, folder: Path) -> bytes:
    with page.expect_download() as info:
        page.click(selector)
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target.read_bytes()


def test_an_accepted_offer_is_invoiced_issued_and_downloaded(
    sales_server: LiveServer, page: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    offer_path = _accepted_offer(sales_server)
    page.goto(sales_server.url("/login"))
    page.fill("input[name=login]", LOGIN)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(sales_server.url(offer_path))
    page.get_by_role("button", name="Create invoice").click()
    expect(page.locator("[data-status]")).to_have_text("Draft")
    page.click("[data-issue]")
    expect(page.locator("[data-status]")).to_have_text("Issued")
    title = page.locator("h1").inner_text()
    number = next(word for word in title.split() if word.startswith("FCT-"))

    pdf_url = page.locator("[data-pdf]").get_attribute("href")
    pdf = page.request.get(sales_server.url(pdf_url))  # shown inline: fetched with the session
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    text = PdfReader(BytesIO(pdf.body())).pages[0].extract_text()
    assert number in text and "Audit" in text and "866,30" in text.replace(".", ",")

    xml = etree.fromstring(_download(page, "[data-xml]", tmp_path))
    assert xml.findtext("cbc:ID", namespaces=UBL) == number
    assert xml.findtext(".//cbc:PayableAmount", namespaces=UBL) == "866.30"
    assert [n.text for n in xml.iterfind(".//cbc:Name", namespaces=UBL)][-2:] == [
        "Audit",
        "Licență",
    ]

    facturx = PdfReader(BytesIO(_download(page, "[data-facturx]", tmp_path)))
    (embedded,) = facturx.attachments["factur-x.xml"]
    assert number.encode() in embedded and b"866.30" in embedded

    page.set_viewport_size(PHONE)  # on a phone: the page fits, then one line is credited
    page.reload()
    checked(page)
    assert sideways_overflow(page) == 0 and small_targets(page) == []
    page.locator("[data-credit] summary").click()
    page.locator("[data-credit] input[name^=credit-]").first.fill("1")
    page.click("[data-credit-submit]")
    expect(page.locator("[data-status]")).to_have_text("Draft")
    assert page.locator("h1").count() == 1 and "-1" in page.locator("table").first.inner_text()
