"""send_mail through a real SMTP server: encodings, parts, attachments, commit and rollback."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select

from core.errors import ValidationError
from core.jobs.models import JobOutbox
from core.kernel import kontora
from core.mail import Attachment, MailMessage, send_mail
from tests.core.mail.conftest import load, send

TEXTS = {
    "ro": ("Ioana Țăranu <ioana@example.ro>", "Ofertă nouă: ușă și fereastră",
           "Bună ziua, găsiți atașată oferta; mulțumim!"),
    "bg": ("Иван Петров <ivan@example.bg>", "Нова оферта за врати и прозорци",
           "Здравейте, прилагаме офертата. Благодарим!"),
    "ru": ("Анна Смирнова <anna@example.ru>", "Новое предложение: двери и окна",
           "Здравствуйте, предложение во вложении. Спасибо!"),
}


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_message_arrives_with_encoded_headers_and_both_parts(mail_app, smtp_inbox, announced,
                                                             language):
    to, subject, text = TEXTS[language]
    html = f"<p><strong>{text}</strong></p>"
    row_id = send(mail_app, to, subject, text=text, html=html, language=language,
                  record=("sample.note", 7), reply_to="Oficiu <office@kontora.example>")

    [mail] = smtp_inbox.messages
    raw_headers = smtp_inbox.envelopes[0].raw.split(b"\r\n\r\n", 1)[0]
    assert raw_headers.isascii()  # RFC 2047 words, not raw UTF-8
    assert mail["Subject"] == subject
    assert mail["To"].addresses[0].display_name == to.split(" <")[0]
    assert mail["To"].addresses[0].addr_spec == to.split("<")[1].rstrip(">")
    assert mail["From"].addresses[0].display_name == "Kontora Vânzări"
    assert mail["Reply-To"] == "Oficiu <office@kontora.example>"
    assert mail["Date"] is not None
    assert mail.get_content_type() == "multipart/alternative"
    plain, rich = mail.iter_parts()
    assert plain.get_content_type() == "text/plain" and plain.get_content().strip() == text
    assert rich.get_content_type() == "text/html" and html in rich.get_content()

    row = load(mail_app, MailMessage, row_id)
    assert mail["Message-ID"] == row.message_id
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, None)
    assert row.sent_at is not None
    assert announced == [("core.mail-sent", "sample.note",
                          {"record_id": 7, "message_id": row_id, "status": "sent"})]


def test_attachments_decode_back_to_the_same_bytes(mail_app, smtp_inbox):
    pdf = b"%PDF-1.7\n" + bytes(range(256)) * 40
    sheet = "Nume;Preț\nUșă;1200\n".encode()
    row_id = send(mail_app, "ana@example.com", "Documente", text="Vedeți atașamentele.",
                  attachments=[Attachment("Ofertă nr. 1.pdf", pdf),
                               ("preturi.csv", sheet, "text/csv"),
                               ("date.bin", b"\x00\x01\xff")])

    [mail] = smtp_inbox.messages
    assert mail.get_content_type() == "multipart/mixed"
    files = list(mail.iter_attachments())
    assert [f.get_filename() for f in files] == ["Ofertă nr. 1.pdf", "preturi.csv", "date.bin"]
    assert [f.get_content_type() for f in files] == ["application/pdf", "text/csv",
                                                     "application/octet-stream"]
    assert files[0].get_content() == pdf
    assert files[1].get_payload(decode=True) == sheet
    assert files[2].get_content() == b"\x00\x01\xff"
    assert mail.get_body(("plain",)).get_content().strip() == "Vedeți atașamentele."

    row = load(mail_app, MailMessage, row_id)
    assert [(a.filename, a.size, a.sha256) for a in row.attachments] == [
        ("Ofertă nr. 1.pdf", len(pdf), hashlib.sha256(pdf).hexdigest()),
        ("preturi.csv", len(sheet), hashlib.sha256(sheet).hexdigest()),
        ("date.bin", 3, hashlib.sha256(b"\x00\x01\xff").hexdigest()),
    ]


def test_bcc_is_delivered_but_never_shown(mail_app, smtp_inbox):
    send(mail_app, ["a@example.com", "B <b@example.com>"], "Hi", text="Hello",
         cc="c@example.com", bcc=["hidden@example.com"])
    [mail] = smtp_inbox.messages
    assert "Bcc" not in mail and "hidden" not in smtp_inbox.envelopes[0].raw.decode()
    assert mail["Cc"] == "c@example.com"
    assert sorted(smtp_inbox.envelopes[0].recipients) == [
        "a@example.com", "b@example.com", "c@example.com", "hidden@example.com"]


def test_nothing_is_sent_for_a_rolled_back_transaction(mail_app, smtp_inbox, announced):
    k = kontora(mail_app)
    with pytest.raises(RuntimeError), mail_app.app_context(), k.db.unit():
        send_mail("ana@example.com", "Never", text="This transaction fails.")
        raise RuntimeError("the caller's work failed")
    with k.db.unit() as s:
        assert s.scalar(select(func.count()).select_from(MailMessage)) == 0
        assert s.scalar(select(func.count()).select_from(JobOutbox)) == 0
    assert smtp_inbox.messages == [] and announced == []


def test_html_only_message_gets_a_text_part(mail_app, smtp_inbox):
    send(mail_app, "ana@example.com", "Only HTML",
         html="<h1>Title</h1><p>First &amp; second</p><script>alert(1)</script>")
    [mail] = smtp_inbox.messages
    assert mail.get_body(("plain",)).get_content().split() == ["Title", "First", "&", "second"]
    assert "<script>" not in mail.get_body(("html",)).get_content()


@pytest.mark.parametrize("kwargs, field", [
    ({"to": []}, "to"),
    ({"to": "not an address"}, "to"),
    ({"to": "ana@example.com\nBcc: all@example.com"}, "to"),
    ({"to": "ana@example.com", "cc": ["ok@example.com", "bad@"]}, "cc"),
    ({"to": "ana@example.com", "reply_to": "a@b.c, d@e.f"}, "reply_to"),
    ({"to": "ana@example.com", "attachments": [("x.pdf", "not bytes")]}, "attachments"),
    ({"to": "ana@example.com", "record": ("sample.note", "7")}, "record"),
    ({"to": "ana@example.com", "subject": None}, "template"),
])
def test_bad_arguments_are_field_errors(mail_app, kwargs, field):
    args = {"subject": "Hi", "text": "Hello", **kwargs}
    with mail_app.app_context(), kontora(mail_app).db.unit(), \
            pytest.raises(ValidationError) as caught:
        send_mail(args.pop("to"), args.pop("subject"), **args)
    assert field in caught.value.fields


def test_subject_line_breaks_cannot_inject_headers(mail_app, smtp_inbox):
    send(mail_app, "ana@example.com", "Hello\r\nBcc: all@example.com", text="x")
    [mail] = smtp_inbox.messages
    assert mail["Subject"] == "Hello Bcc: all@example.com" and "Bcc" not in mail
