"""Sending mail: write the message in the caller's transaction, send it from a job.

``send_mail`` renders and stores the message and enqueues ``core.send-mail``; the job runs
after commit (so a rolled-back transaction sends nothing), talks SMTP and records the
outcome on the row. Temporary failures (4xx, network) raise, so the jobs machinery retries
with backoff; a permanent refusal (5xx) marks the message failed at once, and the last
failed retry does so through ``core.job-failed``.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping
from email.utils import parseaddr
from typing import Any

from core.db import session, utcnow
from core.errors import Conflict, NotFound, ValidationError
from core.i18n import gettext as _
from core.jobs import enqueue, retries
from core.kernel import kontora
from core.mail import smtp
from core.mail.compose import (
    Attachment,
    address_problem,
    as_list,
    build_message,
    envelope_recipients,
    new_message_id,
)
from core.mail.models import FAILED, QUEUED, SENT, UNSENT, MailAttachment, MailMessage
from core.mail.rendering import html_to_text, one_line, render_mail, sanitize_html
from core.permissions import require

log = logging.getLogger(__name__)

SEND_JOB = "core.send-mail"
SENT_SIGNAL = "core.mail-sent"
FAILED_SIGNAL = "core.mail-failed"
NO_SMTP = "no SMTP configured (KONTORA_SMTP_URL is not set)"
MAX_SIZE = 20 * 1024 * 1024  # attachment bytes per message; most servers stop near 25 MB
READ_PERMISSION = "core.mail.read"
RESEND_PERMISSION = "core.mail.resend"


def send_mail(to: str | Iterable[str], subject: str | None = None, *, text: str | None = None,
              html: str | None = None, template: str | None = None,
              context: Mapping[str, Any] | None = None, language: str | None = None,
              attachments: Iterable[Attachment | tuple] = (),
              record: tuple[str, int] | None = None, reply_to: str | None = None,
              cc: str | Iterable[str] = (), bcc: str | Iterable[str] = (),
              secret: bool = False) -> MailMessage:
    """Store an e-mail and send it once the current transaction commits.

    Give the content either as ``subject`` with ``text`` and/or ``html``, or as a mail
    ``template`` name rendered with ``context`` in ``language`` (default
    ``KONTORA_LANGUAGE``; English when the template lacks that language). ``record`` is the
    ``(kind, id)`` the mail is about: it shows on that record's page. Attachments are
    :class:`Attachment` values or ``(filename, bytes[, content_type])`` tuples. ``secret``
    marks a body that carries a one-time secret (a password-reset or client link): staff
    pages never show it, it is wiped once the message is settled and never sent again.

    Raises :class:`core.errors.ValidationError` naming the bad argument, and
    :class:`core.mail.MailTemplateError` for a template that is missing or refused.
    """

    settings = kontora().settings
    language = language or settings.language
    errors: dict[str, list[str]] = {}
    addresses = {"to": as_list(to), "cc": as_list(cc), "bcc": as_list(bcc),
                 "reply_to": as_list(reply_to)}
    if not addresses["to"]:
        errors["to"] = [_("Give at least one recipient.")]
    for field, values in addresses.items():
        bad = [str(v) for v in values if address_problem(v)]
        if bad:
            errors[field] = [_("Not a valid e-mail address: %(address)s",
                               address=", ".join(bad))]
    files = [_attachment(a) for a in attachments]
    if sum(len(f.content) for f in files) > MAX_SIZE:
        errors["attachments"] = [_("Attachments may not exceed %(size)s MB in total.",
                                   size=MAX_SIZE // (1024 * 1024))]
    if record is not None and not (isinstance(record, tuple) and len(record) == 2
                                   and isinstance(record[0], str) and isinstance(record[1], int)):
        errors["record"] = ["record must be a (kind, id) pair"]
    if template is None and (subject is None or (text is None and html is None)):
        errors["template"] = ["give a template, or a subject with text and/or html"]
    if errors:
        raise ValidationError(_("The message cannot be sent as given."), fields=errors)

    if template is not None:
        rendered = render_mail(template, context or {}, language)
        subject, text, html, language = (subject or rendered.subject, rendered.text,
                                         rendered.html, rendered.language)
    else:
        html = sanitize_html(html) if html is not None else None
        text = text if text is not None else html_to_text(html or "")
    subject = one_line(subject or "")

    row = MailMessage(
        record_kind=record[0] if record else None, record_id=record[1] if record else None,
        status=QUEUED, sender=settings.mail_from, recipients=addresses["to"],
        cc=addresses["cc"], bcc=addresses["bcc"], reply_to=(addresses["reply_to"] or [None])[0],
        subject=subject, text_body=text, html_body=html, language=language, template=template,
        message_id=new_message_id(settings.mail_from), attempts=0, secret=secret,
        attachments=[MailAttachment(position=n, filename=f.filename, content_type=f.mime_type,
                                    size=len(f.content),
                                    sha256=hashlib.sha256(f.content).hexdigest(),
                                    content=f.content)
                     for n, f in enumerate(files)])
    session().add(row)
    session().flush()
    enqueue(SEND_JOB, message_id=row.id)
    return row


def _attachment(value: Attachment | tuple) -> Attachment:
    item = value if isinstance(value, Attachment) else Attachment(*value)
    if not isinstance(item.content, bytes | bytearray) or not item.filename:
        raise ValidationError(_("The message cannot be sent as given."), fields={
            "attachments": ["each attachment needs a file name and bytes"]})
    return Attachment(item.filename, bytes(item.content), item.content_type)


@retries(max_retries=6, backoff=120)
def deliver(message_id: int) -> None:
    """The ``core.send-mail`` job: send one stored message and record what happened.

    Runs at least once per message; a message already sent is left alone.
    """

    k = kontora()
    row = session().get(MailMessage, message_id)
    if row is None or row.status != QUEUED:
        return
    if not k.settings.smtp_url:
        log.warning("not sending mail %s %r to %s: %s", row.id, row.subject,
                    ", ".join(row.recipients), NO_SMTP)
        _finish(row, UNSENT, NO_SMTP)
        return
    row.attempts += 1
    server = smtp.SmtpServer.from_url(k.settings.smtp_url)
    try:
        refused = server.send(build_message(row), _bare(row.sender), envelope_recipients(row))
    except Exception as exc:
        row.last_error = smtp.describe(exc)
        if smtp.is_permanent(exc):
            log.warning("mail %s refused for good: %s", row.id, row.last_error)
            _finish(row, FAILED, row.last_error)
            return
        log.warning("mail %s not sent (attempt %s), will retry: %s", row.id, row.attempts,
                    row.last_error)
        session().commit()  # keep the attempt on the row; the raise makes the job retry
        raise
    note = "; ".join(f"{addr}: {code}" for addr, (code, _msg) in refused.items()) or None
    _finish(row, SENT, note)


def _bare(address: str) -> str:
    return parseaddr(address)[1]


def _finish(row: MailMessage, status: str, error: str | None) -> None:
    """Record the outcome and tell listeners (after commit)."""

    row.status, row.last_error = status, error
    if status == SENT:
        row.sent_at = utcnow()
    if row.secret and status != UNSENT:  # settled: the link must not outlive the sending
        row.text_body, row.html_body = "", None
    kontora().events.announce(SENT_SIGNAL if status == SENT else FAILED_SIGNAL,
                              row.record_kind, record_id=row.record_id, message_id=row.id,
                              status=status)


def caught() -> bool:
    """Whether this installation is a mail catcher: no SMTP, so mail stays here unsent."""
    return not kontora().settings.smtp_url


def body_readable(row: MailMessage) -> bool:
    """Whether staff may read the body: always, but a one-time link only while it is caught.

    Without SMTP (the embedded default) nobody else can ever receive a message, so the
    catcher keeps even a client's or a reset link readable, for trying the whole flow.
    """
    return not row.secret or (row.status == UNSENT and caught())


def on_job_failed(sender: str, **kwargs: Any) -> None:
    """``core.job-failed`` receiver: the last retry of a message failed, so it has failed."""
    if sender != SEND_JOB:
        return
    message_id = (kwargs.get("kwargs") or {}).get("message_id")
    row = session().get(MailMessage, message_id) if isinstance(message_id, int) else None
    if row is not None and row.status == QUEUED:
        _finish(row, FAILED, row.last_error or kwargs.get("error"))


def resend_mail(principal: Any, message_id: int) -> MailMessage:
    """Queue a failed or unsent message again (``core.mail.resend``); it keeps its Message-ID."""
    require(principal, RESEND_PERMISSION)
    row = session().get(MailMessage, message_id)
    if row is None:
        raise NotFound(_("No such message."))
    if not row.resendable:
        raise Conflict(_("Only failed or unsent messages can be sent again."))
    row.status, row.last_error = QUEUED, None
    session().flush()
    enqueue(SEND_JOB, message_id=row.id)
    log.info("mail %s queued again by user %s", row.id, getattr(principal, "user_id", None))
    return row
