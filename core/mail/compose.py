"""Turning a stored message into a MIME message, and checking what callers give.

The stdlib ``email`` package does the encoding: UTF-8 subjects and display names become
RFC 2047 words, bodies are quoted-printable or base64 (``cte_type="7bit"``, so a server
without 8BITMIME gets the message intact), text and HTML form a ``multipart/alternative``
and attachments follow it in a ``multipart/mixed``.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, make_msgid

from core.db import utcnow
from core.mail.models import MailMessage

MAIL_POLICY = policy.SMTP.clone(cte_type="7bit")


@dataclass(frozen=True)
class Attachment:
    """A file to send: its name as the recipient sees it, its bytes, its MIME type.

    ``content_type`` defaults to the type the file name suggests
    (``application/octet-stream`` when it suggests none).
    """

    filename: str
    content: bytes
    content_type: str | None = None

    @property
    def mime_type(self) -> str:
        if self.content_type:
            return self.content_type
        guessed, _encoding = mimetypes.guess_type(self.filename)
        return guessed or "application/octet-stream"


def build_message(row: MailMessage) -> EmailMessage:
    """The MIME message for ``row``, with a fresh ``Date`` and the row's ``Message-ID``."""
    message = EmailMessage(policy=MAIL_POLICY)
    message["From"] = row.sender
    message["To"] = ", ".join(row.recipients)
    if row.cc:
        message["Cc"] = ", ".join(row.cc)
    if row.reply_to:
        message["Reply-To"] = row.reply_to
    message["Subject"] = row.subject
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = row.message_id
    message.set_content(row.text_body)
    if row.html_body:
        message.add_alternative(row.html_body, subtype="html")
    for item in row.attachments:
        maintype, _, subtype = item.content_type.partition("/")
        message.add_attachment(item.content, maintype=maintype, subtype=subtype,
                               filename=item.filename)
    return message


def envelope_recipients(row: MailMessage) -> list[str]:
    """Every address the message goes to, Bcc included (Bcc is never a header)."""
    return [address for _name, address in getaddresses([*row.recipients, *row.cc, *row.bcc])]


def new_message_id(sender: str) -> str:
    """A unique ``Message-ID`` in the sender's domain; kept across retries."""
    [(_name, address)] = getaddresses([sender]) or [("", "")]
    domain = address.rpartition("@")[2] or "localhost"
    return make_msgid(domain=domain)


def address_problem(value: object) -> str | None:
    """Why ``value`` is no single e-mail address (``Name <a@b.c>`` or ``a@b.c``), or None."""
    if not isinstance(value, str) or not value.strip():
        return "empty"
    if any(ch in value for ch in "\r\n\0"):
        return "line break"
    parsed = getaddresses([value])
    if len(parsed) != 1:
        return "several"
    name, address = parsed[0]
    local, at, domain = address.rpartition("@")
    if not at or not local or "." not in domain or " " in address:
        return "invalid"
    try:
        Address(display_name=name, addr_spec=address)
    except (ValueError, IndexError):
        return "invalid"
    return None


def as_list(value: str | Iterable[str] | None) -> list[str]:
    """One address or several, as a list of stripped strings."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value.strip()]
    return [v.strip() if isinstance(v, str) else v for v in value]
