"""Reading the mailbox from a real Dovecot: decoding, sanitising, no double reads, resuming."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from plugins.leads.mailbox import fetcher, ingest
from plugins.leads.mailbox.models import InboxMessage, MailboxState, QuarantinedMessage
from plugins.leads.mailbox.sources import fetch_all
from tests.plugins.leads.mailbox import messages as m


def by_message_id(session) -> dict[str, InboxMessage]:
    return {row.message_id: row for row in session.scalars(select(InboxMessage))}


def test_multilingual_mail_comes_out_exactly_as_written(mailbox, poll, unit):
    mailbox.deliver(m.romanian_qp(), m.bulgarian_base64_with_pdf(), m.russian_1251_with_image(),
                    m.koi8r_alternative())
    poll()
    with unit() as s:
        rows = by_message_id(s)
        ro, bg = rows["<ro-1@lemnaria.ro>"], rows["<bg-1@ofis-sofia.bg>"]
        ru, koi = rows["<ru-1@torg.md>"], rows["<koi-1@zavod.ru>"]
        assert (ro.subject, ro.text) == (m.RO_SUBJECT, m.RO_BODY.strip())
        assert (ro.from_name, ro.from_email) == ("Ion Popescu Ş.R.L.", "ion.popescu@lemnaria.ro")
        assert (bg.subject, bg.text, bg.from_name) == (m.BG_SUBJECT, m.BG_BODY.strip(),
                                                       "Мария Иванова")
        assert (ru.subject, ru.text, ru.from_name) == (m.RU_SUBJECT, m.RU_BODY.strip(),
                                                       "Сергей Кузнецов")
        assert (koi.subject, koi.text, koi.from_name) == (m.KOI_SUBJECT, m.KOI_TEXT,
                                                          "Бухгалтерия")
        assert koi.html == f"<p><b>{m.KOI_TEXT}</b></p>"
        assert [(a.filename, a.content_type, a.data, a.sha256) for a in bg.attachments] == [
            (m.BG_FILENAME, "application/pdf", m.PDF, hashlib.sha256(m.PDF).hexdigest())]
        assert [(a.filename, a.content_type, a.data) for a in ru.attachments] == [
            (m.RU_FILENAME, "image/png", m.PNG)]
        assert ro.sent_at.isoformat() == "2026-11-23T07:15:00+00:00"
        assert {r.kind for r in rows.values()} == {"inbox"}


def test_html_is_sanitised_and_gives_the_text(mailbox, poll, unit):
    mailbox.deliver(m.html_only_hostile())
    poll()
    with unit() as s:
        row = s.scalar(select(InboxMessage))
        for bad in ("<script", "alert", "onclick", "javascript:", "<img", "tracker.example",
                    "<iframe", "<style", "document.cookie"):
            assert bad not in row.html
        assert "<b>oferta</b>" in row.html
        assert '<a href="https://shop.example/cart" rel="noopener noreferrer nofollow">coș</a>' \
            in row.html
        assert row.text.splitlines()[0] == "Vă rugăm să ne trimiteți oferta până vineri."
        assert "- 10 mese" in row.text and "- 40 scaune" in row.text
        assert "document" not in row.text and "color" not in row.text


def test_nothing_is_read_twice_and_the_server_copy_stays_unread(mailbox, poll, unit):
    mailbox.deliver(m.romanian_qp(), m.bulgarian_base64_with_pdf())
    poll()
    mailbox.deliver(m.russian_1251_with_image())
    poll()
    poll()
    with unit() as s:
        assert s.scalar(select(func.count()).select_from(InboxMessage)) == 3
        state = s.scalar(select(MailboxState))
        assert state.last_uid == 3 and state.uidvalidity > 0
        assert sorted(s.scalars(select(InboxMessage.uid))) == [1, 2, 3]
    client = mailbox.server.connect(mailbox.login)
    client.select("INBOX", readonly=True)
    _status, flags = client.fetch("1:*", "(FLAGS)")
    client.logout()
    assert len(flags) == 3 and not any(b"\\Seen" in f for f in flags)


def test_a_run_that_loses_the_connection_half_way_is_continued_by_the_next(
        mailbox, poll, unit, monkeypatch):
    batch = [m.romanian_qp(), m.bulgarian_base64_with_pdf(), m.russian_1251_with_image(),
             m.koi8r_alternative(), m.html_only_hostile()]
    mailbox.deliver(*batch)
    real_fetch = fetcher.ImapFolder.fetch
    fetched: list[int] = []

    def fetch_then_drop(folder, uid):
        if len(fetched) == 2:
            folder.client.shutdown()  # the connection goes away under the reader
        fetched.append(uid)
        return real_fetch(folder, uid)

    monkeypatch.setattr(fetcher.ImapFolder, "fetch", fetch_then_drop)
    with pytest.raises(fetcher.MailboxError):
        poll()
    with unit() as s:
        assert sorted(s.scalars(select(InboxMessage.uid))) == [1, 2]
        assert s.scalar(select(MailboxState.last_uid)) == 2
    monkeypatch.setattr(fetcher.ImapFolder, "fetch", real_fetch)
    poll()
    with unit() as s:
        assert sorted(s.scalars(select(InboxMessage.uid))) == [1, 2, 3, 4, 5]
        assert len(set(s.scalars(select(InboxMessage.message_id)))) == 5


def test_a_run_that_dies_inside_a_message_keeps_none_of_it(mailbox, poll, unit, monkeypatch):
    """The database going away is no fault of the message: the run stops, nothing of that
    message is kept (nor quarantined), the next run reads it."""
    mailbox.deliver(m.romanian_qp(), m.bulgarian_base64_with_pdf(), m.russian_1251_with_image())
    real_thread_of = ingest._thread_of
    calls: list[int] = []

    def dies_on_the_third(message):
        calls.append(message.id)
        if len(calls) == 3:  # the row is flushed, its transaction not committed
            raise OperationalError("INSERT", {}, Exception("the database went away"))
        return real_thread_of(message)

    monkeypatch.setattr(ingest, "_thread_of", dies_on_the_third)
    with pytest.raises(OperationalError):
        poll()
    with unit() as s:
        assert sorted(s.scalars(select(InboxMessage.message_id))) == [
            "<bg-1@ofis-sofia.bg>", "<ro-1@lemnaria.ro>"]
        assert s.scalar(select(MailboxState.last_uid)) == 2
        assert s.scalar(select(func.count()).select_from(QuarantinedMessage)) == 0
    monkeypatch.setattr(ingest, "_thread_of", real_thread_of)
    poll()
    with unit() as s:
        rows = by_message_id(s)
        assert sorted(rows) == ["<bg-1@ofis-sofia.bg>", "<ro-1@lemnaria.ro>", "<ru-1@torg.md>"]
        assert rows["<ru-1@torg.md>"].attachments[0].data == m.PNG


def test_a_new_uidvalidity_reads_the_folder_again_without_duplicates(mailbox, poll, unit):
    mailbox.deliver(m.romanian_qp(), m.bulgarian_base64_with_pdf())
    poll()
    with unit() as s:
        state = s.scalar(select(MailboxState))
        state.uidvalidity -= 1  # as if the server had rebuilt the folder
    mailbox.deliver(m.russian_1251_with_image())
    poll()
    with unit() as s:
        assert len(by_message_id(s)) == 3
        assert s.scalar(select(MailboxState.last_uid)) == 3


def test_without_a_mailbox_url_the_job_does_nothing(make_app):
    app = make_app()
    with app.app_context():
        assert fetch_all() == []


def test_mailbox_urls():
    url = fetcher.parse_url("imaps://sales%40firma.ro:p%2Fss@mail.firma.ro/Vanzari%20RO")
    assert (url.user, url.password, url.host, url.port, url.folder, url.security) == (
        "sales@firma.ro", "p/ss", "mail.firma.ro", 993, "Vanzari RO", "tls")
    assert fetcher.parse_url("imap://u:p@h/").security == "starttls"
    assert fetcher.parse_url("imap://u:p@h:1143?starttls=no").port == 1143
    for bad in ("pop3://u:p@h", "imap://h/INBOX", "imap://u:p@h:99999"):
        with pytest.raises(fetcher.MailboxError):
            fetcher.parse_url(bad)
