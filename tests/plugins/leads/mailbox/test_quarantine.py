"""Poisoned mail between good mail, read from a real Dovecot: every good message is
imported, each bad one is kept once in quarantine with its UID, sender and reason, and
staff retry or discard it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.errors import Forbidden
from plugins.leads.mailbox import ingest, quarantine
from plugins.leads.mailbox.models import InboxMessage, MailboxState, QuarantinedMessage
from tests.plugins.leads.conftest import SALES, as_staff, make_user
from tests.plugins.leads.mailbox import messages as m

READER = [*SALES, "leads.mailbox.read"]
ADMIN = [*READER, "leads.mailbox.admin"]
GOOD = ["<ro-1@lemnaria.ro>", "<bg-1@ofis-sofia.bg>", "<8bit-1@ofis-sofia.bg>",
        "<broken-words-1@stroy.bg>", "<ru-1@torg.md>"]


def deliver_poisoned_between_good(mailbox) -> None:
    mailbox.deliver(m.romanian_qp(), m.nested_multipart(), m.bulgarian_base64_with_pdf(),
                    m.eight_bit_display_name(), m.nested_forwards(), m.broken_encoded_words(),
                    m.russian_1251_with_image())


def counts(s) -> tuple[int, int]:
    return (s.scalar(select(func.count()).select_from(InboxMessage)),
            s.scalar(select(func.count()).select_from(QuarantinedMessage)))


def test_bad_messages_are_quarantined_once_and_the_good_ones_imported(mailbox, poll, unit):
    deliver_poisoned_between_good(mailbox)
    poll()
    with unit() as s:
        stored = {r.message_id: r for r in s.scalars(select(InboxMessage))}
        assert sorted(stored) == sorted(GOOD)
        eight_bit = stored["<8bit-1@ofis-sofia.bg>"]
        assert (eight_bit.from_name, eight_bit.subject) == ("Мария Иванова", "Оферта за бюра")
        assert stored["<broken-words-1@stroy.bg>"].subject == "Запитване за оферта"
        kept = list(s.scalars(select(QuarantinedMessage).order_by(QuarantinedMessage.uid)))
        assert [(q.uid, q.sender, q.subject, q.attempts) for q in kept] == [
            (2, "Deep Nest <deep@attacker.example>", "Nested 3000 deep", 1),
            (5, "Форвард <fwd@attacker.example>", "Fwd x3000", 1)]
        assert all("nested too deeply" in q.reason for q in kept)
        assert kept[0].raw == m.nested_multipart() and kept[0].size == len(kept[0].raw)
        state = s.scalar(select(MailboxState))
        assert (state.last_uid, state.imported, state.quarantined, state.errors,
                state.error) == (7, 5, 2, 0, None)
        assert state.fetched_at is not None
        state.last_uid = 0  # read the whole folder again
    poll()
    with unit() as s:
        assert counts(s) == (5, 2)
        state = s.scalar(select(MailboxState))
        assert (state.imported, state.quarantined) == (0, 0)
        state.uidvalidity -= 1  # as if the server had renumbered the folder
    poll()
    with unit() as s:
        assert counts(s) == (5, 2)
        assert sorted(s.scalars(select(QuarantinedMessage.uid))) == [2, 5]


def test_a_message_that_cannot_be_saved_is_quarantined_and_the_next_read(
        mailbox, poll, unit, monkeypatch):
    mailbox.deliver(m.romanian_qp(), m.bulgarian_base64_with_pdf(), m.russian_1251_with_image())
    real_filing = ingest.file_message

    def refuses_the_bulgarian(message):
        if message.message_id == "<bg-1@ofis-sofia.bg>":
            raise UnicodeEncodeError("utf-8", "\udcd0", 0, 1, "surrogates not allowed")
        return real_filing(message)

    monkeypatch.setattr(ingest, "file_message", refuses_the_bulgarian)
    poll()
    with unit() as s:
        assert sorted(s.scalars(select(InboxMessage.message_id))) == [
            "<ro-1@lemnaria.ro>", "<ru-1@torg.md>"]
        [kept] = s.scalars(select(QuarantinedMessage))
        assert kept.uid == 2 and kept.reason.startswith("UnicodeEncodeError:")
        assert kept.sender == "Мария Иванова <maria@ofis-sofia.bg>"
        assert s.scalar(select(func.count()).select_from(InboxMessage).where(
            InboxMessage.uid == 2)) == 0  # nothing of the failed unit was kept
        entry_id = kept.id
    monkeypatch.setattr(ingest, "file_message", real_filing)
    with unit():  # fixed: a retry imports it with its files
        outcome = quarantine.retry_quarantined(as_staff(make_user("adm", ADMIN)), entry_id)
        assert outcome.entry is None
        assert (outcome.message.uid, outcome.message.subject) == (2, m.BG_SUBJECT)
        assert outcome.message.attachments[0].data == m.PDF
    with unit() as s:
        assert counts(s) == (3, 0)


def test_retry_keeps_what_still_fails_and_discard_drops_it(mailbox, poll, unit):
    mailbox.deliver(m.nested_multipart(), m.romanian_qp())
    poll()
    with unit() as s:
        reader = as_staff(make_user("ann", READER))
        admin = as_staff(make_user("adm", ADMIN))
        [entry] = quarantine.quarantined(reader)
        with pytest.raises(Forbidden):
            quarantine.retry_quarantined(reader, entry.id)
        with pytest.raises(Forbidden):
            quarantine.discard_quarantined(reader, entry.id)
        outcome = quarantine.retry_quarantined(admin, entry.id)
        assert outcome.message is None and outcome.entry.attempts == 2
        assert "nested too deeply" in outcome.entry.reason
        quarantine.discard_quarantined(admin, entry.id)
        assert counts(s) == (1, 0)
    poll()  # discarded is gone for good: the mark is past it
    with unit() as s:
        assert counts(s) == (1, 0)
