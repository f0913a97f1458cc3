"""The SMTP URL (scheme, port defaults, credentials) and which refusals are permanent."""

from __future__ import annotations

import smtplib

import pytest

from core.mail import MailMessage
from core.mail.smtp import SmtpServer, is_permanent
from tests.core.mail.conftest import load, send
from tests.fixtures.smtp import smtp_server


@pytest.mark.parametrize("url, expected", [
    ("smtp://mail.example.com", ("mail.example.com", 25, False, None, None)),
    ("smtp://mail.example.com:587", ("mail.example.com", 587, False, None, None)),
    ("smtps://mail.example.com", ("mail.example.com", 465, True, None, None)),
    ("smtps://office%40firma.ro:p%40ss%3Aw0rd@mail.firma.ro:2465",
     ("mail.firma.ro", 2465, True, "office@firma.ro", "p@ss:w0rd")),
])
def test_smtp_url_is_read_with_defaults_and_encoded_credentials(url, expected):
    server = SmtpServer.from_url(url)
    assert (server.host, server.port, server.implicit_tls, server.username,
            server.password) == expected
    assert "p@ss" not in repr(server)


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_credentials_in_the_url_are_used_to_log_in(make_app):
    with smtp_server(accounts={"office@firma.ro": "p@ss:w0rd"}) as inbox:
        port = inbox.url.rsplit(":", 1)[1]
        app = make_app(KONTORA_SMTP_URL=f"smtp://office%40firma.ro:p%40ss%3Aw0rd@127.0.0.1:{port}")
        row_id = send(app, "ana@example.com", "With login", text="x")
        assert inbox.logins == ["office@firma.ro"] and len(inbox.messages) == 1
        assert load(app, MailMessage, row_id).status == "sent"

        wrong = make_app(KONTORA_SMTP_URL=f"smtp://office%40firma.ro:nope@127.0.0.1:{port}")
        row = load(wrong, MailMessage, send(wrong, "ana@example.com", "Bad login", text="x"))
        assert row.status == "failed" and row.last_error.startswith("535")


@pytest.mark.parametrize("exc, permanent", [
    (smtplib.SMTPDataError(451, b"try later"), False),
    (smtplib.SMTPDataError(554, b"rejected"), True),
    (smtplib.SMTPSenderRefused(550, b"no", "a@b.c"), True),
    (smtplib.SMTPRecipientsRefused({"a@b.c": (550, b"no"), "d@e.f": (450, b"later")}), False),
    (smtplib.SMTPRecipientsRefused({"a@b.c": (550, b"no"), "d@e.f": (553, b"no")}), True),
    (smtplib.SMTPServerDisconnected("gone"), False),
    (ConnectionRefusedError(111, "refused"), False),
    (TimeoutError("timed out"), False),
    (smtplib.SMTPNotSupportedError("no AUTH"), True),
])
def test_which_failures_are_permanent(exc, permanent):
    assert is_permanent(exc) is permanent
