"""A deliberately small mail sender for identity's own messages (password reset).

Sends through ``KONTORA_SMTP_URL`` (``smtp://user:pass@host:port``, ``smtps://`` for TLS
from the start; ``smtp://`` upgrades with STARTTLS when the server offers it) once the
current transaction commits, so a rolled-back request sends nothing. Without an SMTP URL
the message is logged instead, which is what a development machine wants.
"""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from core.db import after_commit

log = logging.getLogger(__name__)


def send_after_commit(smtp_url: str | None, sender: str, to: str, subject: str,
                      body: str) -> None:
    """Queue one plain-text message for delivery after commit."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message.set_content(body)
    after_commit(lambda: deliver(smtp_url, message))


def deliver(smtp_url: str | None, message: EmailMessage) -> None:
    if not smtp_url:
        log.warning("KONTORA_SMTP_URL is not set; not sending %r to %s:\n%s",
                    message["Subject"], message["To"], message.get_content())
        return
    url = urlsplit(smtp_url)
    smtp_class = smtplib.SMTP_SSL if url.scheme == "smtps" else smtplib.SMTP
    with smtp_class(url.hostname or "localhost", url.port or 0, timeout=30) as smtp:
        if url.scheme == "smtp":
            smtp.ehlo()
            if smtp.has_extn("starttls"):
                smtp.starttls()
        if url.username:
            smtp.login(unquote(url.username), unquote(url.password or ""))
        smtp.send_message(message)
