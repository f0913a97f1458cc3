"""The parser and the classifier on their own: broken and unusual mail is read, not refused."""

from __future__ import annotations

import pytest

from plugins.leads.mailbox.classify import automatic_reason
from plugins.leads.mailbox.parser import UnreadableMessage, headline, parse
from tests.plugins.leads.mailbox import messages as m


def test_a_wrong_or_unknown_charset_still_gives_the_text():
    raw = (b"From: a@firma.ro\r\nSubject: x\r\nContent-Type: text/plain; charset=x-unknown\r\n"
           b"Content-Transfer-Encoding: 8bit\r\n\r\n") + "Mulţumim, şeful".encode()
    assert parse(raw).text == "Mulţumim, şeful"
    raw = b"From: a@firma.ro\r\nSubject: x\r\nContent-Type: text/plain; charset=utf-8\r\n" \
          b"Content-Transfer-Encoding: 8bit\r\n\r\nna\xefve caf\xe9"
    assert parse(raw).text == "naïve café"  # declared UTF-8, really Windows-1252


def test_broken_headers_no_message_id_and_nul_characters():
    raw = (b"From: \"Unclosed <a@b\r\nTo: ,,,@@\r\nDate: yesterday-ish\r\n"
           b"Subject: =?utf-8?B?invalid base64?=\x00\r\n\r\nbody\x00text")
    first, again = parse(raw), parse(raw)
    assert first.message_id == again.message_id
    assert first.message_id.endswith("@kontora.invalid>")
    assert first.date is None and first.to == []
    assert "\x00" not in first.subject and first.text == "bodytext"


def test_automatic_mail_signals():
    person = parse(m.plain("Ana <ana@birou.ro>", "Întrebare", "Text", "<q@b>",
                           extra="Auto-Submitted: no"))
    assert automatic_reason(person) is None
    assert automatic_reason(person, ["birou.ro"]) == "blocked"
    assert automatic_reason(person, ["ro"]) == "blocked"  # a domain covers its subdomains
    assert automatic_reason(person, ["ana@birou.ro"]) == "blocked"
    assert automatic_reason(person, ["alt-birou.ro", "b@birou.ro"]) is None
    for sender in ("noreply@x.ro", "No-Reply+42@x.ro", "postmaster@x.ro", "bounces@x.ro",
                   "do_not_reply@x.ro"):
        assert automatic_reason(parse(m.plain(sender, "s", "t", "<n@x>"))) == "no-reply"
    assert automatic_reason(parse(m.plain("a@x.ro", "s", "t", "<n@x>",
                                          extra="List-Id: <l.x.ro>"))) == "mailing-list"
    assert automatic_reason(parse(m.plain("a@x.ro", "s", "t", "<n@x>",
                                          extra="Precedence: junk"))) == "bulk"
    assert automatic_reason(parse(m.bounce())) == "bounce"
    assert automatic_reason(parse(m.auto_reply())) == "auto-submitted"


def test_an_attached_message_stays_one_file():
    raw = (b"From: a@firma.ro\r\nSubject: Fwd\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
           b"Content-Type: text/plain\r\n\r\nSee below\r\n--b\r\n"
           b"Content-Type: message/rfc822\r\n\r\n" + m.romanian_qp() + b"\r\n--b--\r\n")
    parsed = parse(raw)
    assert parsed.text == "See below"
    [attached] = parsed.attachments
    assert attached.filename == f"{m.RO_SUBJECT}.eml"
    assert parse(attached.data).subject == m.RO_SUBJECT


def test_broken_encoded_words_are_decoded_as_mail_clients_do():
    cases = {
        b"=?utf-8?B?0JzQsNGA0LjRjw": "Мария",  # never closed
        b"=?utf-8?B?0JzQsNGA0LjRjw?=": "Мария",  # padding missing
        b"Hello =?utf-8?B?0JzQsNGA0LjRjw==?= and =?utf-8?Q?bun=C4=83": "Hello Мария and bună",
        b"=?utf-8?q?Cerere_ofert=C4?= =?utf-8?q?=83_bun=C4=83": "Cerere ofertă bună",  # split
        b"=?x-unknown?B?0JzQsNGA0LjRjw==?=": "Мария",  # unknown charset, valid UTF-8
        b"=?windows-1251?B?z/Do4uXy?=": "Привет",
        b"=?utf-8?B?!!!?=": "",
    }
    for header, expected in cases.items():
        raw = b"From: a@firma.ro\r\nSubject: " + header + b"\r\n\r\nbody"
        assert parse(raw).subject == expected, header
    parsed = parse(m.broken_encoded_words())
    assert (parsed.subject, parsed.sender.name) == ("Запитване за оферта", "Иван Петров")
    raw = (b"From: =?utf-8?B?0JjQstCw0L0g0J/QtdGC0YDQvtCy <ivan@stroy.bg>\r\n"
           b"Content-Type: application/pdf; name=\"=?utf-8?B?0L7RhNC10YDRgtCw.pdf\"\r\n"
           b"Content-Disposition: attachment; filename=\"=?utf-8?B?0L7RhNC10YDRgtCw.pdf\"\r\n"
           b"\r\n%PDF-1.4")
    parsed = parse(raw)
    assert parsed.sender.name == "Иван Петров"
    assert [a.filename for a in parsed.attachments] == ["оферта.pdf"]


def test_raw_8bit_headers_are_read_with_the_message_charset():
    parsed = parse(m.eight_bit_display_name())
    assert (parsed.sender.name, parsed.subject) == ("Мария Иванова", "Оферта за бюра")
    raw = ("From: Şerban Ţurcanu <s@firma.ro>\r\nSubject: Cerere ofertă\r\n"
           "Content-Type: text/plain; charset=iso-8859-2\r\n\r\nbody").encode("iso-8859-2")
    parsed = parse(raw)
    assert (parsed.sender.name, parsed.subject) == ("Şerban Ţurcanu", "Cerere ofertă")
    for text in (parsed.sender.name, parsed.subject, parsed.text):
        text.encode("utf-8")  # nothing a database would refuse


def test_a_message_nested_too_deep_is_refused_with_a_reason():
    with pytest.raises(UnreadableMessage, match="nested too deeply"):
        parse(m.nested_multipart())
    assert headline(m.nested_multipart()) == ("Deep Nest <deep@attacker.example>",
                                              "Nested 3000 deep")
    assert headline(b"\xff\xfe garbage") == ("", "")
    parsed = parse(m.nested_multipart(depth=80, message_id="<n80@x>"))  # beyond MAX_DEPTH
    assert parsed.message_id == "<n80@x>" and parsed.text == ""
