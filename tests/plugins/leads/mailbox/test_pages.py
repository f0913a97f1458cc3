"""The mailbox pages: inbox and automatic mail, a message, downloads, the lead button, blocks."""

from __future__ import annotations

import re
from urllib.parse import quote

from sqlalchemy import select

from core.kernel import kontora
from plugins.leads.mailbox.models import InboxMessage
from plugins.leads.models import Lead
from tests.plugins.leads.conftest import SALES
from tests.plugins.leads.mailbox import messages as m

READER = [*SALES, "leads.mailbox.read"]


def ids(app) -> dict[str, int]:
    with app.app_context(), kontora(app).db.unit() as s:
        return {r.message_id: r.id for r in s.scalars(select(InboxMessage))}


def test_inbox_and_automatic_mail_are_listed_apart(app, mailbox, poll, sign_in):
    mailbox.deliver(m.romanian_qp(), m.newsletter(), m.bulgarian_base64_with_pdf())
    poll()
    browser = sign_in("ann", READER)
    inbox = browser.get("/leads/mailbox/").get_data(as_text=True)
    assert m.RO_SUBJECT in inbox and m.BG_SUBJECT in inbox
    assert "Reduceri" not in inbox
    automatic = browser.get("/leads/mailbox/?kind=automatic").get_data(as_text=True)
    assert "Reduceri de iarnă" in automatic and "Bulk mail" in automatic
    assert m.RO_SUBJECT not in automatic
    found = browser.get("/leads/mailbox/?q=ofis-sofia").get_data(as_text=True)
    assert m.BG_SUBJECT in found and m.RO_SUBJECT not in found
    menu = browser.get("/").get_data(as_text=True)
    assert 'href="/leads/mailbox/"' in menu


def test_a_message_page_frames_the_sanitised_html_and_serves_its_files(
        app, mailbox, poll, sign_in):
    mailbox.deliver(m.html_only_hostile(), m.bulgarian_base64_with_pdf())
    poll()
    browser = sign_in("ann", READER)
    found = ids(app)
    page = browser.get(f"/leads/mailbox/{found['<html-1@mobila-cluj.ro>']}").get_data(
        as_text=True)
    frame = re.search(r"<iframe[^>]*>", page).group(0)
    assert " sandbox " in frame and 'srcdoc="' in frame
    assert "&lt;b&gt;oferta&lt;/b&gt;" in frame
    assert "<script" not in page.split("<iframe", 1)[1].split("</iframe>")[0]
    assert "alert" not in frame and "tracker.example" not in frame
    page = browser.get(f"/leads/mailbox/{found['<bg-1@ofis-sofia.bg>']}").get_data(
        as_text=True)
    assert "Здравейте," in page and m.BG_FILENAME in page
    link = re.search(r'href="(/leads/mailbox/files/[^"]+)"', page).group(1)
    download = browser.get(link)
    assert download.status_code == 200 and download.data == m.PDF
    assert download.headers["Content-Type"] == "application/octet-stream"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert f"filename*=UTF-8''{quote(m.BG_FILENAME)}" in download.headers["Content-Disposition"]
    outsider = sign_in("eve", SALES)
    assert outsider.get(link).status_code == 404
    assert outsider.get(f"/leads/mailbox/{found['<bg-1@ofis-sofia.bg>']}").status_code == 403
    assert outsider.get("/leads/mailbox/").status_code == 403
    assert browser.get("/leads/mailbox/files/no-such-key").status_code == 404
    assert browser.get("/leads/mailbox/999999").status_code == 404


def test_the_lead_button_makes_one_lead(app, mailbox, poll, sign_in, seeded):
    mailbox.deliver(m.romanian_qp())
    poll()
    browser = sign_in("ann", READER)
    message_id = ids(app)["<ro-1@lemnaria.ro>"]
    page = browser.get(f"/leads/mailbox/{message_id}").get_data(as_text=True)
    assert "Make a lead" in page
    made = browser.post(f"/leads/mailbox/{message_id}/lead")
    assert made.status_code == 302
    with app.app_context(), kontora(app).db.unit() as s:
        lead = s.scalar(select(Lead))
        assert (lead.title, lead.source, lead.email) == (m.RO_SUBJECT, "email",
                                                         "ion.popescu@lemnaria.ro")
    assert made.headers["Location"].endswith(f"/leads/{lead.id}")
    page = browser.get(f"/leads/mailbox/{message_id}").get_data(as_text=True)
    assert "Open the lead" in page and "Make a lead" not in page
    assert browser.post(f"/leads/mailbox/{message_id}/lead").status_code == 302
    with app.app_context(), kontora(app).db.unit() as s:
        assert len(list(s.scalars(select(Lead)))) == 1


def test_the_block_list_page(app, sign_in):
    admin = sign_in("adm", [*READER, "leads.mailbox.admin"])
    assert "Nothing is blocked." in admin.get("/leads/mailbox/blocked").get_data(as_text=True)
    refused = admin.post("/leads/mailbox/blocked", {"pattern": "not a domain"})
    assert refused.status_code == 422
    assert "Give an e-mail address or a domain" in refused.get_data(as_text=True)
    assert admin.post("/leads/mailbox/blocked", {"pattern": "reclame.example"}).status_code \
        == 302
    page = admin.get("/leads/mailbox/blocked").get_data(as_text=True)
    assert "reclame.example" in page
    entry = re.search(r'action="(/leads/mailbox/blocked/\d+/delete)"', page).group(1)
    reader = sign_in("ann", READER)
    assert reader.get("/leads/mailbox/blocked").status_code == 403
    assert reader.post(entry).status_code == 403
    assert admin.post(entry).status_code == 302
    assert "reclame.example" not in admin.get("/leads/mailbox/blocked").get_data(as_text=True)
