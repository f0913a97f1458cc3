"""The client's link: an issued invoice is e-mailed with a link to a page showing it, where
the client downloads the frozen PDF and the e-invoice XML without signing in; a forged or
foreign link shows nothing."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest

from core.kernel import kontora
from core.links.service import create_link
from plugins.invoicing import services
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)
from tests.plugins.invoicing.conftest import line, make_client, make_seller, make_user, principal

LINK = re.compile(r"http://kontora\.test(/l/\S+)")


@pytest.fixture
def mail_app(make_iapp: Any, smtp_inbox: Inbox) -> Any:  # noqa: F811
    return make_iapp(KONTORA_SMTP_URL=smtp_inbox.url, KONTORA_BASE_URL="http://kontora.test")


def _issue(app: Any, *, send: bool = True) -> tuple[int, str, int]:
    with app.app_context(), kontora(app).db.unit():
        who = principal(make_user("anna"))
        make_seller()
        client = make_client(email="buyer@client.test")
        doc = services.create_invoice(who, {"party_id": client.id, "currency": "RON",
                                            "language": "ro", "lines": [line()]})
        draft = services.create_invoice(who, {"party_id": client.id, "currency": "RON",
                                              "lines": [line()]})
        services.issue_invoice(who, doc.id, {"issue_date": "2026-03-02"})
        if send:
            services.send_invoice(who, doc.id, {"message": "Vă mulțumim!"})
        return doc.id, doc.number, draft.id


def test_the_client_opens_the_emailed_link_and_downloads_pdf_and_xml(
        mail_app: Any, smtp_inbox: Inbox) -> None:  # noqa: F811
    _doc_id, number, _draft = _issue(mail_app)
    mail = next(m for m in smtp_inbox.messages if m["To"] == "buyer@client.test")
    body = mail.get_body(("plain",)).get_content()
    assert number in mail["Subject"] and "Vă mulțumim!" in body and "1.190,00\xa0lei" in body
    path = LINK.search(body).group(1)
    browser = mail_app.test_client()
    page = browser.get(path, follow_redirects=True)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert number in html and "Consultanță" in html and "data-xml" in html
    pdf_url = re.search(r'href="([^"]+/pdf)"', html).group(1)
    xml_url = re.search(r'href="([^"]+/xml)"', html).group(1)
    pdf = browser.get(pdf_url)
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert pdf.headers["X-Content-SHA256"]
    again = browser.get(pdf_url)
    assert again.data == pdf.data  # the frozen bytes, never a re-render
    xml = browser.get(xml_url)
    assert xml.status_code == 200 and number.encode() in xml.data
    assert "attachment" in xml.headers["Content-Disposition"]


def test_a_forged_link_or_a_draft_shows_nothing(iapp: Any) -> None:
    doc_id, _number, draft_id = _issue(iapp, send=False)
    with iapp.app_context(), kontora(iapp).db.unit():
        _row, draft = create_link("invoicing.view", "invoicing.invoice", draft_id,
                                  expires_in=timedelta(days=1), single_use=False)
        _row, token = create_link("invoicing.view", "invoicing.invoice", doc_id,
                                  expires_in=timedelta(days=1), single_use=False)
    browser = iapp.test_client()
    assert browser.get(f"/invoicing/client/{token}").status_code == 200
    assert browser.get(f"/invoicing/client/{token[:-2]}xx").status_code in (400, 403, 404)
    assert browser.get(f"/invoicing/client/{draft}").status_code == 404
    assert browser.get(f"/invoicing/client/{token[:-2]}xx/xml").status_code in (400, 403, 404)
