"""The record panel, the outgoing-mail pages and /api/v1/mail."""

from __future__ import annotations

import hashlib

import pytest

from core.kernel import kontora
from core.mail import MailMessage
from tests.core.api.support import bearer, make_user
from tests.core.mail.conftest import load, send
from tests.core.web.conftest import sign_in  # noqa: F401  (a fixture)
from tests.sample_plugin.models import SampleNote


@pytest.fixture
def app(make_app, smtp_inbox):
    """The signed-in browsers of these tests use an app that sends to the test server."""
    return make_app(KONTORA_SMTP_URL=smtp_inbox.url)


def make_note(app, title: str = "Door") -> int:
    with kontora(app).db.unit() as s:
        note = SampleNote(title=title)
        s.add(note)
        s.flush()
        return note.id


def test_record_page_shows_the_mail_sent_about_it(app, smtp_inbox, sign_in):  # noqa: F811
    note = make_note(app)
    quiet = make_note(app, "Window")
    send(app, "ana@example.com", "Your offer", text="x", record=("sample.note", note))
    smtp_inbox.replies.append("550 5.1.1 No such user")
    send(app, "nobody@example.com", "Bounced offer", text="x", record=("sample.note", note))

    reader = sign_in("rita", ["sample.read"])
    page = reader.get(f"/sample/notes/{note}").get_data(as_text=True)
    assert 'data-bs-target="#tab-mail"' in page
    assert "Your offer" in page and 'data-status="sent"' in page
    assert "Bounced offer" in page and 'data-status="failed"' in page
    assert "550 5.1.1 No such user" in page
    assert "/admin/mail/" not in page  # no link without core.mail.read
    assert 'data-bs-target="#tab-mail"' not in reader.get(f"/sample/notes/{quiet}").get_data(
        as_text=True)

    clerk = sign_in("carl", ["sample.read", "core.mail.read"])
    assert "/admin/mail/" in clerk.get(f"/sample/notes/{note}").get_data(as_text=True)


def test_outgoing_mail_page_lists_and_filters(app, smtp_inbox, sign_in):  # noqa: F811
    send(app, "ana@example.com", "Delivered one", text="x")
    smtp_inbox.replies.append("550 5.7.1 Refused")
    send(app, "bob@example.com", "Refused one", text="x")

    assert sign_in("nina", ["sample.read"]).get("/admin/mail/").status_code == 403
    clerk = sign_in("carl", ["core.mail.read"])
    page = clerk.get("/admin/mail/").get_data(as_text=True)
    assert "Delivered one" in page and "Refused one" in page
    failed = clerk.get("/admin/mail/?status=failed").get_data(as_text=True)
    assert "Refused one" in failed and "Delivered one" not in failed
    found = clerk.get("/admin/mail/?q=ana@").get_data(as_text=True)
    assert "Delivered one" in found and "Refused one" not in found
    assert clerk.get("/admin/mail/?status=lost").status_code == 400
    assert clerk.get("/admin/mail/?before=x").status_code == 400
    assert clerk.get("/admin/mail/99999").status_code == 404


def test_failed_mail_is_sent_again_from_its_page(app, smtp_inbox, sign_in):  # noqa: F811
    smtp_inbox.replies.append("554 5.7.1 Not today")
    row_id = send(app, "ana@example.com", "Try again", text="x",
                  html="<p>x</p>")
    clerk = sign_in("carl", ["core.mail.read"])
    page = clerk.get(f"/admin/mail/{row_id}").get_data(as_text=True)
    assert "554 5.7.1 Not today" in page and "/resend" not in page
    assert clerk.post(f"/admin/mail/{row_id}/resend").status_code == 403

    html = clerk.get(f"/admin/mail/{row_id}/html")
    assert html.status_code == 200 and "sandbox" in html.headers["Content-Security-Policy"]

    admin = sign_in("ada", ["core.mail.read", "core.mail.resend"])
    assert f"/admin/mail/{row_id}/resend" in admin.get(f"/admin/mail/{row_id}").get_data(
        as_text=True)
    assert admin.post(f"/admin/mail/{row_id}/resend").status_code == 302
    assert load(app, MailMessage, row_id).status == "sent"
    assert len(smtp_inbox.messages) == 1
    again = admin.post(f"/admin/mail/{row_id}/resend", follow_redirects=True)
    assert "Only failed or unsent messages can be sent again." in again.get_data(as_text=True)


def test_mail_api_lists_shows_and_resends(app, smtp_inbox):
    k = kontora(app)
    with k.db.unit():
        reader = bearer(make_user("rita", ["core.mail.read"]))
        sender = bearer(make_user("sam", ["core.mail.read", "core.mail.resend"]))
        nobody = bearer(make_user("nina", ["sample.read"]))
    first = send(app, "ana@example.com", "First", text="x", record=("sample.note", 5),
                 attachments=[("a.txt", b"abc")])
    smtp_inbox.replies.append("550 5.1.1 Unknown")
    second = send(app, "bob@example.com", "Second", text="x", record=("sample.note", 5))
    send(app, "cid@example.com", "Other", text="x")
    client = app.test_client()

    page = client.get("/api/v1/mail?record_kind=sample.note&record_id=5&limit=1",
                      headers=reader).get_json()
    assert [m["subject"] for m in page["items"]] == ["Second"] and page["next_cursor"]
    rest = client.get(f"/api/v1/mail?record_kind=sample.note&record_id=5&limit=1"
                      f"&cursor={page['next_cursor']}", headers=reader).get_json()
    assert [m["subject"] for m in rest["items"]] == ["First"] and rest["next_cursor"] is None

    one = client.get(f"/api/v1/mail/{first}", headers=reader).get_json()
    assert one["status"] == "sent" and one["to"] == ["ana@example.com"]
    assert one["attachments"] == [{"filename": "a.txt", "content_type": "text/plain", "size": 3,
                                   "sha256": hashlib.sha256(b"abc").hexdigest()}]

    assert client.get("/api/v1/mail", headers=nobody).status_code == 403
    assert client.get("/api/v1/mail").status_code == 401
    assert client.get("/api/v1/mail/99999", headers=reader).status_code == 404
    for query in ("status=lost", "limit=0", "limit=abc", "cursor=-1", "record_id=99999999999"):
        response = client.get(f"/api/v1/mail?{query}", headers=reader)
        assert response.status_code == 422, query
        assert response.get_json()["error"] == "validation_error"
    for name in ("q", "record_kind"):  # PostgreSQL refuses NUL in text: named, not a 400
        response = client.get(f"/api/v1/mail?{name}=a%00b", headers=reader)
        assert response.status_code == 422 and list(response.get_json()["fields"]) == [name]

    assert client.post(f"/api/v1/mail/{second}/resend", headers=reader).status_code == 403
    resent = client.post(f"/api/v1/mail/{second}/resend", headers=sender)
    assert resent.status_code == 202 and resent.get_json()["status"] == "queued"
    assert load(app, MailMessage, second).status == "sent"
    conflict = client.post(f"/api/v1/mail/{second}/resend", headers=sender)
    assert conflict.status_code == 409 and conflict.get_json()["error"] == "conflict"

