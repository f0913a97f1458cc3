"""Tables of the company mailbox: the mailboxes set up, what was read, the messages, their
files, the block list, and the quarantine of messages that could not be read or stored.

Nothing is read twice and nothing is lost because every message row is committed together
with the folder's new high-water mark (``MailboxState.last_uid``), and two unique keys
catch anything that slips past it: ``(folder, uidvalidity, uid)`` for the server's copy and
``message_id`` for the message itself (a message without one gets an id made from its
bytes, see :mod:`..parser`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, TimestampMixin, utcnow
from plugins.leads.mailbox.classify import REASONS
from plugins.leads.models.common import one_of

FOLDERS = ("inbox", "automatic")
SECURITY = ("tls", "starttls", "none")


class MailboxState(Base):
    """How far one IMAP folder has been read: its UIDVALIDITY and the last UID stored.

    When the server reports another UIDVALIDITY its UIDs mean other messages, so reading
    starts again from UID 1; the Message-ID key keeps that from storing anything twice.
    """

    __tablename__ = "leads_mailbox_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    folder: Mapped[str] = mapped_column(String(300), nullable=False, unique=True)
    uidvalidity: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    last_uid: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    polled_at: Mapped[datetime | None]
    fetched_at: Mapped[datetime | None]
    """When the last fetch of this folder ended; the three counts and ``error`` are its result."""
    imported: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    quarantined: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    errors: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    error: Mapped[str | None] = mapped_column(String(500))


class InboxMessage(Base):
    """One message read from the mailbox, decoded; ``html`` is sanitised already.

    ``kind`` says where it is filed: ``inbox`` (a person wrote it) or ``automatic``
    (auto-reply, bounce, list or block-listed sender; ``automatic_reason`` says which).
    ``thread_id`` is the id of the first message of its conversation. ``client_id`` and
    ``activity_id`` are set when it came from a known contact and was put on that
    client's timeline; ``lead_id`` when someone turned it into a lead.
    """

    __tablename__ = "leads_inbox_message"
    __table_args__ = (
        UniqueConstraint("folder", "uidvalidity", "uid", name="uq_leads_inbox_message_uid"),
        CheckConstraint(one_of("kind", FOLDERS), name="kind"),
        CheckConstraint(f"automatic_reason IS NULL OR {one_of('automatic_reason', REASONS)}",
                        name="automatic_reason"),
        Index("ix_leads_inbox_message_kind_received", "kind", "received_at", "id"),
        Index("ix_leads_inbox_message_subject_key", "subject_key", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    folder: Mapped[str] = mapped_column(String(300), nullable=False)
    uidvalidity: Mapped[int] = mapped_column(BigInteger, nullable=False)
    uid: Mapped[int] = mapped_column(BigInteger, nullable=False)
    message_id: Mapped[str] = mapped_column(String(255), nullable=False, unique=True)
    in_reply_to: Mapped[str | None] = mapped_column(String(255))
    reference_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    thread_id: Mapped[int | None] = mapped_column(Integer, index=True)
    subject: Mapped[str] = mapped_column(String(998), nullable=False, default="")
    subject_key: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    from_name: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    from_email: Mapped[str] = mapped_column(String(254), nullable=False, default="",
                                            index=True)
    recipients: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    sent_at: Mapped[datetime | None]
    received_at: Mapped[datetime] = mapped_column(default=utcnow, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    html: Mapped[str] = mapped_column(Text, nullable=False, default="")
    kind: Mapped[str] = mapped_column(String(10), nullable=False, default="inbox")
    automatic_reason: Mapped[str | None] = mapped_column(String(20))
    size: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("parties_client.id", ondelete="SET NULL"), index=True)
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activities_activity.id", ondelete="SET NULL"))
    lead_id: Mapped[int | None] = mapped_column(
        ForeignKey("leads_lead.id", ondelete="SET NULL"), index=True)

    attachments: Mapped[list[InboxAttachment]] = relationship(
        back_populates="message", cascade="all, delete-orphan", order_by="InboxAttachment.id",
        lazy="selectin")

    @property
    def sender_label(self) -> str:
        if self.from_name and self.from_email:
            return f"{self.from_name} <{self.from_email}>"
        return self.from_name or self.from_email


class InboxAttachment(Base):
    """A file that came with a message; the bytes are kept here with their SHA-256.

    ``storage_key`` is random and names the file in URLs, so ids cannot be walked.
    """

    __tablename__ = "leads_inbox_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("leads_inbox_message.id", ondelete="CASCADE"), nullable=False, index=True)
    storage_key: Mapped[str] = mapped_column(String(43), nullable=False, unique=True)
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    content_type: Mapped[str] = mapped_column(String(120), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False, deferred=True)

    message: Mapped[InboxMessage] = relationship(back_populates="attachments")


class BlockedSender(TimestampMixin, Base):
    """An address (``someone@example.com``) or a domain (``example.com``, with its
    subdomains) whose mail is filed as automatic."""

    __tablename__ = "leads_inbox_blocked_sender"

    id: Mapped[int] = mapped_column(primary_key=True)
    pattern: Mapped[str] = mapped_column(String(254), nullable=False, unique=True)
    note: Mapped[str | None] = mapped_column(String(200))


class QuarantinedMessage(TimestampMixin, Base):
    """A message the mailbox could not read or store, kept as the server's raw bytes.

    Reading goes on past it (the folder's mark moves beyond its UID in the same transaction
    that writes this row), so one bad message never stops the mailbox. ``(folder,
    uidvalidity, uid)`` is unique, so reading the folder again never quarantines it twice.
    Staff retry it (after an upgrade that reads it) or discard it from the mailbox page.
    ``sender`` and ``subject`` are what could be read of its headers, for the list.
    """

    __tablename__ = "leads_inbox_quarantine"
    __table_args__ = (
        UniqueConstraint("folder", "uidvalidity", "uid", name="uq_leads_inbox_quarantine_uid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    folder: Mapped[str] = mapped_column(String(300), nullable=False)
    uidvalidity: Mapped[int] = mapped_column(BigInteger, nullable=False)
    uid: Mapped[int] = mapped_column(BigInteger, nullable=False)
    sender: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    subject: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    reason: Mapped[str] = mapped_column(String(500), nullable=False)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary, nullable=False, deferred=True)


class MailboxAccount(TimestampMixin, Base):
    """A mailbox an administrator set up: server, login and the folders to read.

    No password is stored: ``password_env`` names the environment variable holding it (set
    wherever the mailbox job runs), just as ``KONTORA_MAILBOX_URL`` keeps it out of the
    database, so a database dump or backup never carries a mail password.
    """

    __tablename__ = "leads_mailbox_account"
    __table_args__ = (CheckConstraint(one_of("security", SECURITY), name="security"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False, unique=True)
    host: Mapped[str] = mapped_column(String(253), nullable=False)
    port: Mapped[int] = mapped_column(Integer, nullable=False)
    security: Mapped[str] = mapped_column(String(10), nullable=False, default="tls")
    username: Mapped[str] = mapped_column(String(254), nullable=False)
    password_env: Mapped[str] = mapped_column(String(100), nullable=False)
    folders: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
