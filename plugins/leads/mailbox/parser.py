"""Raw RFC 5322 bytes -> plain values: decoded headers, text, sanitised HTML and files.

The stdlib ``email`` package with ``policy.default`` does the MIME work (multipart,
quoted-printable, base64, RFC 2047 headers, RFC 2231 parameters, every charset Python has a
codec for: windows-1251, KOI8-R, ISO-8859-2, UTF-8 ...). What it leaves to the caller is
done here: parts whose charset is missing, unknown or wrong, encoded words left inside
quoted filenames (Outlook and many webmails write them), headers broken enough to make the
header parser raise, NUL characters (PostgreSQL refuses them in text), and HTML, which is
cleaned with nh3 and turned into text when the message has no text part.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesParser
from email.utils import getaddresses

from plugins.leads.mailbox.html import html_to_text, sanitise_html

CLASSIFYING_HEADERS = ("auto-submitted", "precedence", "list-id", "list-unsubscribe",
                       "x-autoreply", "x-autorespond", "x-failed-recipients", "return-path")
"""Headers :mod:`..classify` reads to tell automatic and bulk mail apart."""
MESSAGE_ID = re.compile(r"<[^<>\s]+>")
MAX_ID = 250


@dataclass(frozen=True)
class Address:
    name: str
    email: str  # lower case: matching is done on it


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class ParsedMessage:
    """One message as the inbox keeps it; ``html`` is already sanitised ("" if none)."""

    message_id: str
    subject: str
    sender: Address | None
    to: list[Address]
    cc: list[Address]
    date: datetime | None
    in_reply_to: str | None
    references: list[str]
    text: str
    html: str
    content_type: str
    attachments: list[Attachment] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)


def parse(raw: bytes) -> ParsedMessage:
    """Parse one message; never raises on malformed input, it keeps what it can read."""
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    texts: list[str] = []
    htmls: list[str] = []
    files: list[Attachment] = []
    for part in _leaves(msg):
        _sort_part(part, texts, htmls, files)
    html = htmls[0] if htmls else ""
    for extra in htmls[1:]:
        files.append(Attachment("part.html", "text/html", extra.encode("utf-8")))
    text = "\n\n".join(t for t in texts if t.strip()) or html_to_text(html)
    in_reply_to = _ids(header_text(msg, "in-reply-to"))
    return ParsedMessage(
        message_id=_message_id(header_text(msg, "message-id"), raw),
        subject=clean(header_text(msg, "subject")).strip(),
        sender=next(iter(addresses(msg, "from")), None),
        to=addresses(msg, "to"),
        cc=addresses(msg, "cc"),
        date=_date(msg),
        in_reply_to=in_reply_to[0] if in_reply_to else None,
        references=_ids(header_text(msg, "references")),
        text=clean(text).strip(),
        html=sanitise_html(clean(html)) if html else "",
        content_type=msg.get_content_type(),
        attachments=files,
        headers={name: clean(header_text(msg, name)).strip()
                 for name in CLASSIFYING_HEADERS if msg.get(name) is not None},
    )


def clean(text: str) -> str:
    """Text any database stores: no NUL, Unix line ends."""
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")


def header_text(msg: Message, name: str) -> str:
    """The decoded value of header ``name`` ("" if absent), even when it is malformed."""
    try:
        value = msg.get(name)
        return "" if value is None else str(value)
    except Exception:  # the stdlib header parser raises on some garbage
        raw = next((v for k, v in msg.raw_items() if k.lower() == name), "")
        return decode_words(str(raw))


def decode_words(value: str) -> str:
    """RFC 2047 encoded words decoded; undecodable bytes replaced, never an exception."""
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except (LookupError, UnicodeError, ValueError):
        return value


def addresses(msg: Message, name: str) -> list[Address]:
    try:
        header = msg.get(name)
        found = [(a.display_name, a.addr_spec) for a in getattr(header, "addresses", ())]
    except Exception:  # fall back to the forgiving parser
        found = getaddresses([header_text(msg, name)])
    return [Address(name=clean(n).strip(), email=clean(e).strip().lower())
            for n, e in found if e and "@" in e]


def _leaves(part: Message) -> Iterator[Message]:
    """Every non-multipart part in order; an attached message stays one part."""
    if part.get_content_maintype() == "multipart" and part.is_multipart():
        for sub in part.get_payload():
            yield from _leaves(sub)
    else:
        yield part


def _sort_part(part: Message, texts: list[str], htmls: list[str],
               files: list[Attachment]) -> None:
    ctype = part.get_content_type()
    filename = _filename(part)
    is_body = filename is None and part.get_content_disposition() != "attachment"
    if is_body and ctype == "text/plain":
        texts.append(part_text(part))
    elif is_body and ctype == "text/html":
        htmls.append(part_text(part))
    else:
        data = _part_bytes(part)
        if data:
            files.append(Attachment(filename or _default_name(part), ctype, data))


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except Exception:  # malformed parameters
        name = None
    if not name:
        return None
    name = clean(decode_words(name)).replace("/", "_").replace("\\", "_").strip()
    return name or None


def _default_name(part: Message) -> str:
    ctype = part.get_content_type()
    if ctype == "message/rfc822":
        inner = part.get_payload(0) if part.is_multipart() else None
        subject = header_text(inner, "subject").strip() if inner is not None else ""
        return f"{subject or 'message'}.eml".replace("/", "_")
    readable = part.get_content_maintype() in ("text", "message")
    extension = mimetypes.guess_extension(ctype) or (".txt" if readable else ".bin")
    return f"{part.get_content_maintype() or 'attachment'}{extension}"


def _part_bytes(part: Message) -> bytes:
    if part.get_content_maintype() in ("message", "multipart") and part.is_multipart():
        payload = part.get_payload()
        inner = payload[0] if payload else None
        return inner.as_bytes(policy=policy.SMTP) if isinstance(inner, Message) else b""
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def part_text(part: Message) -> str:
    """A text part decoded with its declared charset, else UTF-8, else Windows-1252."""
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        return ""
    declared = part.get_content_charset()
    for charset in (declared, "utf-8", "windows-1252"):
        if not charset:
            continue
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", "replace")


def _ids(value: str) -> list[str]:
    return [i for i in MESSAGE_ID.findall(value) if len(i) <= MAX_ID]


def _message_id(value: str, raw: bytes) -> str:
    """The Message-ID, or one made from the bytes, so a message without one is still
    recognised when it is read again."""
    found = _ids(value)
    if found:
        return found[0]
    return f"<{hashlib.sha256(raw).hexdigest()}@kontora.invalid>"


def _date(msg: Message) -> datetime | None:
    try:
        header = msg.get("date")
        value = getattr(header, "datetime", None)
    except Exception:  # an unreadable date is no date
        return None
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)

