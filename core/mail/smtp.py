"""Talking to the SMTP server named by ``KONTORA_SMTP_URL``, and judging its refusals.

``smtp://user:password@host:port`` connects in plain text and upgrades with STARTTLS when
the server offers it; ``smtps://`` speaks TLS from the first byte. The user and password
are URL-encoded (``%40`` for ``@``). Ports default to 25 (``smtp``) and 465 (``smtps``);
submission servers usually want ``smtp://...:587``.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
TIMEOUT = 30  # seconds; a hung server must not hold a worker for ever


@dataclass(frozen=True)
class SmtpServer:
    """Where and how to connect, read from an ``smtp://`` or ``smtps://`` URL."""

    host: str
    port: int
    implicit_tls: bool
    username: str | None = None
    password: str | None = field(default=None, repr=False)

    @classmethod
    def from_url(cls, url: str) -> SmtpServer:
        parts = urlsplit(url)
        if parts.scheme not in DEFAULT_PORTS:
            raise ValueError(f"an SMTP URL starts with smtp:// or smtps://, not {parts.scheme!r}")
        return cls(host=parts.hostname or "localhost",
                   port=parts.port or DEFAULT_PORTS[parts.scheme],
                   implicit_tls=parts.scheme == "smtps",
                   username=unquote(parts.username) if parts.username else None,
                   password=unquote(parts.password) if parts.password is not None else None)

    def send(self, message: EmailMessage, sender: str, recipients: Sequence[str]) -> dict:
        """Hand ``message`` over for ``recipients``; returns the recipients it refused.

        Raises ``smtplib.SMTPException`` or ``OSError`` when it could not be handed over
        (see :func:`is_permanent`).
        """
        context = ssl.create_default_context()
        if self.implicit_tls:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(self.host, self.port, timeout=TIMEOUT,
                                                  context=context)
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT)
        with smtp:
            smtp.ehlo()
            if not self.implicit_tls and smtp.has_extn("starttls"):
                smtp.starttls(context=context)
                smtp.ehlo()
            if self.username:
                smtp.login(self.username, self.password or "")
            return smtp.send_message(message, from_addr=sender, to_addrs=list(recipients))


def is_permanent(exc: BaseException) -> bool:
    """Whether trying again cannot help: a 5xx answer, or a feature the server lacks.

    4xx answers (greylisting, a full mailbox, "try later"), dropped connections, timeouts
    and refused connections are temporary: the message is tried again with backoff.
    """
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    return isinstance(exc, smtplib.SMTPNotSupportedError)


def describe(exc: BaseException) -> str:
    """One line saying what the server (or the network) answered."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{addr}: {code} {_text(msg)}"
                         for addr, (code, msg) in exc.recipients.items())
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _text(message: bytes | str) -> str:
    raw = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
    return " ".join(raw.split())
