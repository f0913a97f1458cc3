"""Delivery outcomes: retry after a temporary refusal, failure for good, no SMTP, resend."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from core.db import utcnow
from core.errors import Conflict, Forbidden
from core.jobs import drain_outbox
from core.jobs.models import JobOutbox
from core.kernel import kontora
from core.mail import MailMessage, resend_mail
from core.mail.service import NO_SMTP
from tests.core.api.support import make_user, principal_of
from tests.core.mail.conftest import load, send
from tests.core.web.conftest import sign_in  # noqa: F401  (a fixture)
from tests.fixtures.smtp import free_port


def outbox(app) -> list[JobOutbox]:
    with kontora(app).db.unit() as s:
        return list(s.scalars(select(JobOutbox)))


def test_temporary_refusal_is_retried_with_backoff(mail_app, smtp_inbox, announced):
    smtp_inbox.replies.append("451 4.3.0 Try again later")
    row_id = send(mail_app, "ana@example.com", "Retry me", text="Second time lucky.",
                  record=("sample.note", 3))

    row = load(mail_app, MailMessage, row_id)
    assert (row.status, row.attempts) == ("queued", 1)
    assert row.last_error.startswith("451")
    [job] = outbox(mail_app)
    assert job.status == "pending" and job.available_at > utcnow()
    assert smtp_inbox.messages == [] and announced == []

    assert drain_outbox(mail_app) == 0  # the backoff has not passed yet
    assert drain_outbox(mail_app, now=utcnow() + timedelta(hours=1)) == 1

    row = load(mail_app, MailMessage, row_id)
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, None)
    [mail] = smtp_inbox.messages
    assert mail["Message-ID"] == row.message_id and mail["Subject"] == "Retry me"
    assert outbox(mail_app) == []
    assert [name for name, _sender, _kw in announced] == ["core.mail-sent"]


def test_unreachable_server_is_a_temporary_failure(make_app):
    app = make_app(KONTORA_SMTP_URL=f"smtp://127.0.0.1:{free_port()}")
    row_id = send(app, "ana@example.com", "Nobody listens", text="x")
    row = load(app, MailMessage, row_id)
    assert (row.status, row.attempts) == ("queued", 1)
    assert "ConnectionRefusedError" in row.last_error
    assert [job.status for job in outbox(app)] == ["pending"]


def test_permanent_refusal_fails_at_once(mail_app, smtp_inbox, announced):
    smtp_inbox.replies.append("550 5.1.1 Mailbox does not exist")
    row_id = send(mail_app, "nobody@example.com", "Bounce", text="x", record=("sample.note", 9))

    row = load(mail_app, MailMessage, row_id)
    assert (row.status, row.attempts) == ("failed", 1)
    assert row.last_error == "550 5.1.1 Mailbox does not exist"
    assert outbox(mail_app) == []  # no retry for a permanent refusal
    assert announced == [("core.mail-failed", "sample.note",
                          {"record_id": 9, "message_id": row_id, "status": "failed"})]


def test_still_failing_after_the_last_retry_is_failed(mail_app, smtp_inbox, announced):
    smtp_inbox.replies.extend(["421 4.7.0 Too busy"] * 20)
    row_id = send(mail_app, "ana@example.com", "Doomed", text="x")
    later = utcnow()
    for _ in range(10):
        later += timedelta(days=1)
        drain_outbox(mail_app, now=later)

    row = load(mail_app, MailMessage, row_id)
    assert row.status == "failed" and row.attempts == 7  # the first try and six retries
    assert row.last_error.startswith("421")
    assert [(name, kw["status"]) for name, _s, kw in announced] == [("core.mail-failed",
                                                                     "failed")]
    assert smtp_inbox.messages == []


def test_without_smtp_the_message_is_kept_unsent(make_app, caplog):
    app = make_app()  # no KONTORA_SMTP_URL
    row_id = send(app, "ana@example.com", "Kept", text="x", record=("sample.note", 1))
    row = load(app, MailMessage, row_id)
    assert (row.status, row.last_error, row.attempts) == ("unsent", NO_SMTP, 0)
    assert "Kept" in caplog.text and "no SMTP configured" in caplog.text


def test_failed_message_is_sent_again_on_request(mail_app, smtp_inbox):
    smtp_inbox.replies.append("554 5.7.1 Rejected for policy reasons")
    row_id = send(mail_app, "ana@example.com", "Second chance", text="x")
    k = kontora(mail_app)
    with mail_app.app_context(), k.db.unit():
        clerk = principal_of(make_user("clerk", ["core.mail.read"]))
        resender = principal_of(make_user("resender", ["core.mail.resend"]))
    with mail_app.app_context(), k.db.unit(), pytest.raises(Forbidden):
        resend_mail(clerk, row_id)
    with mail_app.app_context(), k.db.unit():
        resend_mail(resender, row_id)

    row = load(mail_app, MailMessage, row_id)
    assert (row.status, row.attempts) == ("sent", 2)
    [mail] = smtp_inbox.messages
    assert mail["Message-ID"] == row.message_id
    with mail_app.app_context(), k.db.unit(), pytest.raises(Conflict):
        resend_mail(resender, row_id)



def test_a_secret_body_is_never_shown_kept_or_sent_again(mail_app, smtp_inbox) -> None:
    """A reset or client link in a mail must not reach whoever may read the mail log."""
    row_id = send(mail_app, "ana@example.ro", "Your link", text="Open https://x/l/SECRET-TOKEN",
                  html="<p>Open https://x/l/SECRET-TOKEN</p>", secret=True)
    [mail] = smtp_inbox.messages
    assert "SECRET-TOKEN" in mail.get_body(("plain",)).get_content()
    row = load(mail_app, MailMessage, row_id)
    assert row.status == "sent" and row.secret
    assert "SECRET-TOKEN" not in row.text_body and row.html_body is None
    assert not row.resendable
    k = kontora(mail_app)
    with mail_app.app_context(), k.db.unit():
        resender = principal_of(make_user("resender", ["core.mail.read", "core.mail.resend"]))
    with mail_app.app_context(), k.db.unit(), pytest.raises(Conflict):
        resend_mail(resender, row_id)


def test_a_queued_secret_is_not_shown_on_the_staff_page(make_app, sign_in) -> None:  # noqa: F811

    app = make_app(KONTORA_SMTP_URL=f"smtp://127.0.0.1:{free_port()}")  # nobody listens
    row_id = send(app, "ana@example.ro", "Your link", text="https://x/l/QUEUED-TOKEN",
                  html="<p>https://x/l/QUEUED-TOKEN</p>", secret=True)
    row = load(app, MailMessage, row_id)
    assert row.status == "queued" and "QUEUED-TOKEN" in row.text_body  # kept for the retry
    admin = sign_in("mia", ["core.mail.read"])
    page = admin.get(f"/admin/mail/{row_id}").get_data(as_text=True)
    assert "QUEUED-TOKEN" not in page and "data-secret" in page
    assert admin.get(f"/admin/mail/{row_id}/html").status_code == 404
