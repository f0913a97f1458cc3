"""Document tables: editable templates and stored PDF renditions.

PDF bytes live in the database, like mail attachments: workers on other machines read and
write them without shared storage, and a frozen file commits or rolls back with the fact
that froze it (the document was sent, signed, issued).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column

from core.db import AuthorshipMixin, Base, RecordLinkMixin, TimestampMixin, VersionMixin

PENDING = "pending"  # HTML stored, the PDF job has not finished yet
READY = "ready"  # PDF bytes stored
FAILED = "failed"  # the PDF job gave up; ``error`` says why

DRAFT = "draft"
"""The purpose of the one replaceable rendition of a record; every other purpose is frozen."""


class DocumentTemplate(TimestampMixin, AuthorshipMixin, VersionMixin, Base):
    """One template of a document kind in one language, as admins edit it.

    Seeded from the plugin's default files; ``customized`` is set once an admin saves it,
    and seeding never touches a customized row again.
    """

    __tablename__ = "core_document_template"
    __table_args__ = (UniqueConstraint("kind", "language", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(64), nullable=False)
    language: Mapped[str] = mapped_column(String(8), nullable=False)
    name: Mapped[str] = mapped_column(String(64), nullable=False, default="default")
    body: Mapped[str] = mapped_column(Text, nullable=False)
    css: Mapped[str] = mapped_column(Text, nullable=False, default="")
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    customized: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    default_sha256: Mapped[str | None] = mapped_column(String(64))


class DocumentFile(RecordLinkMixin, Base):
    """A PDF rendition of a record: the replaceable draft or a frozen one (sent, issued ...).

    The HTML is stored when the rendition is asked for, in the asking transaction, so a
    frozen PDF shows the record as it was at that moment even though the job runs later.
    """

    __tablename__ = "core_document_file"
    __table_args__ = (UniqueConstraint("record_kind", "record_id", "purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(32), nullable=False)
    frozen: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=PENDING)
    language: Mapped[str] = mapped_column(String(8), nullable=False)
    template_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_document_template.id", ondelete="SET NULL"))
    html: Mapped[str] = deferred(mapped_column(Text, nullable=False))
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(Integer)
    content: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(nullable=False)
    rendered_at: Mapped[datetime | None] = mapped_column()
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL"))
