"""The company inbox through the API: list, read, download, make a lead, block a sender."""

from __future__ import annotations

from urllib.parse import quote

from sqlalchemy import func, select

from core.kernel import kontora
from plugins.leads.mailbox.models import InboxMessage
from plugins.leads.models import Lead
from tests.core.api.support import bearer
from tests.plugins.leads.conftest import SALES, make_user
from tests.plugins.leads.mailbox import messages as m

API = "/api/v1/leads/mailbox"
READER = [*SALES, "leads.mailbox.read"]


def token(app, login, permissions):
    with app.app_context(), kontora(app).db.unit():
        return bearer(make_user(login, permissions))


def ids(app) -> dict[str, int]:
    with app.app_context(), kontora(app).db.unit() as s:
        return {r.message_id: r.id for r in s.scalars(select(InboxMessage))}


def test_messages_are_listed_by_kind_state_and_words_a_page_at_a_time(app, mailbox, poll):
    mailbox.deliver(m.romanian_qp(), m.newsletter(), m.bulgarian_base64_with_pdf())
    poll()
    client, headers = app.test_client(), token(app, "ann", READER)
    inbox = client.get(f"{API}/messages", headers=headers).get_json()
    assert {i["subject"] for i in inbox["items"]} == {m.RO_SUBJECT, m.BG_SUBJECT}
    assert inbox["next_before"] is None
    automatic = client.get(f"{API}/messages?kind=automatic", headers=headers).get_json()
    assert [i["automatic_reason"] for i in automatic["items"]] == ["bulk"]
    found = client.get(f"{API}/messages?q=ofis-sofia&state=new", headers=headers).get_json()
    assert [i["subject"] for i in found["items"]] == [m.BG_SUBJECT]
    first = client.get(f"{API}/messages?limit=1", headers=headers).get_json()
    assert len(first["items"]) == 1 and first["next_before"] == first["items"][0]["id"]
    rest = client.get(f"{API}/messages?limit=1&before={first['next_before']}",
                      headers=headers).get_json()
    assert rest["items"][0]["id"] < first["items"][0]["id"]
    for query, field in (("kind=spam", "kind"), ("state=old", "state"), ("limit=0", "limit"),
                         ("limit=51", "limit"), ("before=x", "before")):
        refused = client.get(f"{API}/messages?{query}", headers=headers)
        assert refused.status_code == 422 and field in refused.get_json()["fields"], query


def test_a_message_shows_its_text_html_and_files(app, mailbox, poll):
    mailbox.deliver(m.bulgarian_base64_with_pdf())
    poll()
    client, headers = app.test_client(), token(app, "ann", READER)
    message_id = ids(app)["<bg-1@ofis-sofia.bg>"]
    body = client.get(f"{API}/messages/{message_id}", headers=headers).get_json()
    assert "Здравейте," in body["text"] and body["attachment_count"] == 1
    attachment = body["attachments"][0]
    assert attachment["filename"] == m.BG_FILENAME
    download = client.get(f"{API}/files/{attachment['storage_key']}", headers=headers)
    assert download.status_code == 200 and download.data == m.PDF
    assert f"filename*=UTF-8''{quote(m.BG_FILENAME)}" in download.headers["Content-Disposition"]
    thread = client.get(f"{API}/messages/{message_id}/thread", headers=headers).get_json()
    assert [t["id"] for t in thread] == [message_id]
    outsider = token(app, "eve", SALES)
    assert client.get(f"{API}/messages/{message_id}", headers=outsider).status_code == 403
    assert client.get(f"{API}/messages", headers=outsider).status_code == 403
    assert client.get(f"{API}/files/{attachment['storage_key']}",
                      headers=outsider).status_code == 404
    assert client.get(f"{API}/messages/999999", headers=headers).status_code == 404


def test_a_message_becomes_one_lead_however_often_it_is_asked(app, mailbox, poll, seeded):
    mailbox.deliver(m.romanian_qp(), m.newsletter())
    poll()
    client, headers = app.test_client(), token(app, "ann", READER)
    found = ids(app)
    url = f"{API}/messages/{found['<ro-1@lemnaria.ro>']}/lead"
    reader_only = token(app, "rita", ["leads.mailbox.read", "leads.read"])
    assert client.post(url, headers=reader_only).status_code == 403  # leads.write
    made = client.post(url, headers=headers)
    assert made.status_code == 200, made.get_json()
    lead = made.get_json()
    assert (lead["title"], lead["source"], lead["email"]) == (
        m.RO_SUBJECT, "email", "ion.popescu@lemnaria.ro")
    again = client.post(url, headers=headers)
    assert again.get_json()["id"] == lead["id"]
    with app.app_context(), kontora(app).db.unit() as s:
        assert s.scalar(select(func.count(Lead.id))) == 1
    listed = client.get(f"{API}/messages?state=lead", headers=headers).get_json()
    assert [i["lead_id"] for i in listed["items"]] == [lead["id"]]
    automatic = next(k for k in found if k != "<ro-1@lemnaria.ro>")
    refused = client.post(f"{API}/messages/{found[automatic]}/lead", headers=headers)
    assert refused.status_code == 409


def test_a_blocked_sender_s_mail_is_filed_as_automatic(app, mailbox, poll):
    mailbox.deliver(m.romanian_qp())
    poll()
    client = app.test_client()
    admin = token(app, "adm", [*READER, "leads.mailbox.admin"])
    reader = token(app, "ann", READER)
    refused = client.post(f"{API}/blocked", json={"pattern": "not a domain"}, headers=admin)
    assert refused.status_code == 422 and "pattern" in refused.get_json()["fields"]
    made = client.post(f"{API}/blocked", json={"pattern": "@Lemnaria.ro", "note": "tests"},
                       headers=admin)
    assert made.status_code == 201 and made.get_json()["pattern"] == "lemnaria.ro"
    twice = client.post(f"{API}/blocked", json={"pattern": "lemnaria.ro"}, headers=admin)
    assert twice.status_code == 422
    automatic = client.get(f"{API}/messages?kind=automatic", headers=reader).get_json()
    assert [(i["subject"], i["automatic_reason"]) for i in automatic["items"]] == [
        (m.RO_SUBJECT, "blocked")]
    assert client.get(f"{API}/blocked", headers=reader).status_code == 403
    entry = made.get_json()["id"]
    assert client.delete(f"{API}/blocked/{entry}", headers=reader).status_code == 403
    assert client.delete(f"{API}/blocked/{entry}", headers=admin).status_code == 204
    assert client.get(f"{API}/blocked", headers=admin).get_json() == []
