"""Outgoing e-mail: stored in the caller's transaction, sent by a job after commit.

``send_mail(to, subject, text=..., html=..., template=..., record=(kind, id))`` is the one
entry point; see ``docs/mail.md``.
"""

from core.mail.compose import Attachment
from core.mail.models import FAILED, QUEUED, SENT, UNSENT, MailAttachment, MailMessage
from core.mail.rendering import MailTemplateError, RenderedMail, render_mail
from core.mail.service import resend_mail, send_mail

__all__ = ["FAILED", "QUEUED", "SENT", "UNSENT", "Attachment", "MailAttachment", "MailMessage",
           "MailTemplateError", "RenderedMail", "render_mail", "resend_mail", "send_mail"]
