"""The outgoing-mail tables: one row per message, its attachments beside it.

A message is written in the caller's transaction with everything needed to send it
(rendered subject and bodies, addresses, attachment bytes), so the sending job needs no
template, no record and no file system, and the row stays as the record of what was sent.
Attachment bytes live in the database rather than under ``instance/``: workers on other
machines then read them without shared storage, and a message and its files commit or
roll back together.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text, false
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from core.db import Base, RecordLinkMixin, TimestampMixin

QUEUED = "queued"  # written, waiting for the sending job (or its next retry)
SENT = "sent"  # accepted by the SMTP server
FAILED = "failed"  # refused for good (5xx) or still failing after the last retry
UNSENT = "unsent"  # not sent: no SMTP server is configured (KONTORA_SMTP_URL)

STATUSES = (QUEUED, SENT, FAILED, UNSENT)
RESENDABLE = (FAILED, UNSENT)


class MailMessage(TimestampMixin, RecordLinkMixin, Base):
    """One outgoing e-mail, optionally about a record (shown on that record's page)."""

    __tablename__ = "core_mail_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    # a message need not be about a record (password reset): the link is optional here
    record_kind: Mapped[str | None] = mapped_column(String(64), nullable=True)
    record_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=QUEUED)
    sender: Mapped[str] = mapped_column(String(320), nullable=False)
    recipients: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    cc: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    bcc: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    reply_to: Mapped[str | None] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(Text, nullable=False)
    text_body: Mapped[str] = mapped_column(Text, nullable=False)
    html_body: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), nullable=False)
    template: Mapped[str | None] = mapped_column(String(200))
    message_id: Mapped[str] = mapped_column(String(255), nullable=False, unique=True)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column()
    secret: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False,
                                         server_default=false())
    """The body carries a one-time secret (a password-reset or client link): nobody may read
    it here, it is wiped once the message is settled, and it is never sent again."""

    attachments: Mapped[list[MailAttachment]] = relationship(
        back_populates="message", order_by="MailAttachment.position",
        cascade="all, delete-orphan", passive_deletes=True)

    @property
    def resendable(self) -> bool:
        return self.status in RESENDABLE and not self.secret


Index("ix_core_mail_message_status", MailMessage.status, MailMessage.id)


class MailAttachment(Base):
    """A file sent with a message; ``content`` is loaded only when the mail is built."""

    __tablename__ = "core_mail_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("core_mail_message.id", ondelete="CASCADE"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    content_type: Mapped[str] = mapped_column(String(255), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))

    message: Mapped[MailMessage] = relationship(back_populates="attachments")
