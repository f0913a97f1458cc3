"""Raw RFC 5322 bytes -> plain values: decoded headers, text, sanitised HTML and files.

The stdlib ``email`` package with ``policy.default`` does the MIME work (multipart,
quoted-printable, base64, RFC 2047 headers, RFC 2231 parameters, every charset Python has a
codec for: windows-1251, KOI8-R, ISO-8859-2, UTF-8 ...). What it leaves to the caller is
done here: parts whose charset is missing, unknown or wrong, encoded words left inside
quoted filenames (Outlook and many webmails write them), headers broken enough to make the
header parser raise, NUL characters (PostgreSQL refuses them in text), and HTML, which is
cleaned with nh3 and turned into text when the message has no text part.

Headers are read the way mail clients read them: an encoded word the stdlib leaves alone
because it is broken (unterminated ``=?utf-8?B?...``, bad padding, a charset Python does not
know) is decoded by :func:`lenient_words`, and raw 8-bit bytes in a header (no RFC 2047 at
all) are taken as UTF-8, else as the charset the message's text declares, else as
Windows-1252. No text leaves this module with a lone surrogate, so any database stores it.
A message the stdlib cannot parse at all (parts nested thousands deep exhaust its recursion)
raises :class:`UnreadableMessage`, which the mailbox turns into a quarantine entry.
"""

from __future__ import annotations

import binascii
import hashlib
import mimetypes
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.charset import ALIASES
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
MAX_DEPTH = 50
"""Multipart levels followed; real mail nests a handful, deeper parts are not read."""
ENCODED_WORD = re.compile(
    r"=\?([^?\s]+)\?(?:[bB]\?([A-Za-z0-9+/=]*)|[qQ]\?([^?\s]*))(?:\?=)?")
"""An RFC 2047 encoded word, also when its closing ``?=`` is missing: then a B word ends
where base64 letters end, a Q word at white space."""
SURROGATES = re.compile("[\ud800-\udfff]")
FALLBACK = "windows-1252"


class UnreadableMessage(ValueError):
    """The bytes cannot be read as a message at all; the text says why."""


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
    """Parse one message, keeping what it can read of malformed input; only bytes the
    stdlib cannot parse at all raise :class:`UnreadableMessage`."""
    try:
        msg = BytesParser(policy=policy.default).parsebytes(raw)
        leaves = list(_leaves(msg))
    except RecursionError:
        raise UnreadableMessage("The message's parts are nested too deeply to be read.") \
            from None
    hint = _charset_hint(leaves)
    texts: list[str] = []
    htmls: list[str] = []
    files: list[Attachment] = []
    for part in leaves:
        _sort_part(part, texts, htmls, files, hint)
    html = htmls[0] if htmls else ""
    for extra in htmls[1:]:
        files.append(Attachment("part.html", "text/html", extra.encode("utf-8")))
    text = "\n\n".join(t for t in texts if t.strip()) or html_to_text(html)
    in_reply_to = _ids(header_text(msg, "in-reply-to"))
    return ParsedMessage(
        message_id=_message_id(header_text(msg, "message-id"), raw),
        subject=clean(header_text(msg, "subject", hint)).strip(),
        sender=next(iter(addresses(msg, "from", hint)), None),
        to=addresses(msg, "to", hint),
        cc=addresses(msg, "cc", hint),
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


def headline(raw: bytes) -> tuple[str, str]:
    """Sender and subject of a message as far as its headers can be read (``""`` where
    not), for listing one the mailbox could not read."""
    try:
        msg = BytesParser(policy=policy.default).parsebytes(raw, headersonly=True)
        sender = next(iter(addresses(msg, "from")), None)
        label = (f"{sender.name} <{sender.email}>" if sender.name else sender.email) \
            if sender else clean(header_text(msg, "from"))
        return " ".join(label.split()), " ".join(clean(header_text(msg, "subject")).split())
    except Exception:  # whatever the headers hold, the quarantine still takes the bytes
        return "", ""


def clean(text: str) -> str:
    """Text any database stores: no NUL, no lone surrogate, Unix line ends."""
    text = SURROGATES.sub("\ufffd", text) if SURROGATES.search(text) else text
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")


def header_text(msg: Message, name: str, hint: str | None = None) -> str:
    """The decoded value of header ``name`` ("" if absent), even when it is malformed or
    carries raw 8-bit bytes (read with :func:`readable`)."""
    try:
        value = msg.get(name)
        text = "" if value is None else str(value)
    except Exception:  # the stdlib header parser raises on some garbage
        text = None
    if text is not None and "\ufffd" not in text and not SURROGATES.search(text) \
            and not ENCODED_WORD.search(text):
        return text
    raw = next((v for k, v in msg.raw_items() if k.lower() == name), None)
    if raw is None:
        return text or ""
    return decode_words(readable(" ".join(str(raw).split()), hint), hint)


def readable(text: str, hint: str | None = None) -> str:
    """``text`` with raw 8-bit header bytes (kept by the stdlib as surrogates) decoded as
    UTF-8, else as ``hint`` (the message's charset), else as Windows-1252."""
    if not SURROGATES.search(text):
        return text
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return SURROGATES.sub("\ufffd", text)
    return _decoded(data, hint)


def decode_words(value: str, hint: str | None = None) -> str:
    """RFC 2047 encoded words decoded; broken ones leniently, never an exception."""
    if "=?" not in value:
        return value
    try:
        decoded = str(make_header(decode_header(value)))
    except (LookupError, UnicodeError, ValueError, binascii.Error):
        return lenient_words(value, hint)
    return lenient_words(value, hint) if ENCODED_WORD.search(decoded) else decoded


def lenient_words(value: str, hint: str | None = None) -> str:
    """Encoded words decoded as mail clients do, also those the stdlib leaves: a missing
    ``?=``, bad base64 padding or stray characters are forgiven; words of one charset next
    to each other are joined before decoding (a letter may be split between them)."""
    if "=?" not in value:
        return value
    out: list[str] = []
    pending = bytearray()
    pending_charset: str | None = None
    position = 0
    for match in ENCODED_WORD.finditer(value):
        between = value[position:match.start()]
        if between.strip() or pending_charset is None:
            if pending_charset is not None:
                out.append(_decoded(bytes(pending), pending_charset, hint))
                pending, pending_charset = bytearray(), None
            out.append(between)
        charset = match.group(1).split("*", 1)[0].lower()
        if pending_charset not in (None, charset):
            out.append(_decoded(bytes(pending), pending_charset, hint))
            pending = bytearray()
        pending_charset = charset
        pending += _word_bytes(match.group(2), match.group(3))
        position = match.end()
    if pending_charset is not None:
        out.append(_decoded(bytes(pending), pending_charset, hint))
    out.append(value[position:])
    return "".join(out)


def _word_bytes(base64: str | None, quoted: str | None) -> bytes:
    if base64 is None:
        return binascii.a2b_qp((quoted or "").encode("ascii", "replace"), header=True)
    data = base64.rstrip("=")
    data = data[:len(data) - len(data) % 4] if len(data) % 4 == 1 else data
    try:
        return binascii.a2b_base64(data + "=" * (-len(data) % 4))
    except binascii.Error:
        return b""


def _decoded(data: bytes, *charsets: str | None) -> str:
    """``data`` decoded with the first charset that fits: UTF-8 first when it is valid,
    then the ones given, then Windows-1252 (which maps every byte)."""
    for charset in ("utf-8", *charsets):
        if not charset:
            continue
        try:
            return data.decode(ALIASES.get(charset, charset))
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode(FALLBACK, "replace")


def addresses(msg: Message, name: str, hint: str | None = None) -> list[Address]:
    try:
        header = msg.get(name)
        found = [(a.display_name, a.addr_spec) for a in getattr(header, "addresses", ())]
    except Exception:  # fall back to the forgiving parser
        found = getaddresses([header_text(msg, name, hint)])
    return [Address(name=clean(lenient_words(readable(n, hint), hint)).strip(),
                    email=clean(readable(e)).strip().lower())
            for n, e in found if e and "@" in e]


def _leaves(root: Message) -> Iterator[Message]:
    """Every non-multipart part in order; an attached message stays one part. Parts below
    :data:`MAX_DEPTH` levels are not followed (a loop, not recursion, walks the tree)."""
    stack: list[tuple[Message, int]] = [(root, 0)]
    while stack:
        part, depth = stack.pop()
        if part.get_content_maintype() == "multipart" and part.is_multipart():
            if depth < MAX_DEPTH:
                stack.extend((sub, depth + 1) for sub in reversed(part.get_payload()))
        else:
            yield part


def _charset_hint(leaves: list[Message]) -> str | None:
    """The charset the message's first text part declares: the best guess for raw 8-bit
    bytes in its headers."""
    for part in leaves:
        if part.get_content_maintype() == "text":
            charset = part.get_content_charset()
            if charset and charset not in ("us-ascii", "utf-8"):
                return charset
    return None


def _sort_part(part: Message, texts: list[str], htmls: list[str],
               files: list[Attachment], hint: str | None = None) -> None:
    ctype = part.get_content_type()
    filename = _filename(part, hint)
    is_body = filename is None and part.get_content_disposition() != "attachment"
    if is_body and ctype == "text/plain":
        texts.append(part_text(part))
    elif is_body and ctype == "text/html":
        htmls.append(part_text(part))
    else:
        data = _part_bytes(part)
        if data:
            files.append(Attachment(filename or _default_name(part), ctype, data))


def _filename(part: Message, hint: str | None = None) -> str | None:
    try:
        name = part.get_filename()
    except Exception:  # malformed parameters
        name = None
    if not name:
        return None
    name = clean(decode_words(readable(name, hint), hint))
    name = "".join(ch for ch in name if ch >= " " and ch != "\x7f")
    return name.replace("/", "_").replace("\\", "_").strip() or None


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

