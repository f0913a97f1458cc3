"""Notes and comments on a record's timeline, and the files attached to them."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import AuthorshipMixin, Base, RecordLinkMixin, TimestampMixin
from core.identity.models import User
from plugins.activities.models.common import one_of

NOTE_KINDS = ("note", "comment")
"""A ``note`` records something worth keeping (minutes, a summary); a ``comment`` is a
message in the record's feed."""


class Note(RecordLinkMixin, TimestampMixin, AuthorshipMixin, Base):
    """A note or comment on any record; its author is ``created_by_id``."""

    __tablename__ = "activities_note"
    __table_args__ = (
        Index("ix_activities_note_record", "record_kind", "record_id", "created_at"),
        CheckConstraint(one_of("kind", NOTE_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), nullable=False, default="comment")
    body: Mapped[str] = mapped_column(Text, nullable=False)

    author: Mapped[User | None] = relationship(
        primaryjoin="User.id == foreign(Note.created_by_id)", viewonly=True, lazy="joined")
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="note", cascade="all, delete-orphan", order_by="Attachment.id",
        lazy="selectin")


class Attachment(RecordLinkMixin, TimestampMixin, Base):
    """A file attached to a note, stored outside the web root under its SHA-256.

    ``storage_key`` is random and names the file in URLs, so ids cannot be walked;
    ``record_kind``/``record_id`` repeat the note's so access is checked on the record.
    """

    __tablename__ = "activities_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(
        ForeignKey("activities_note.id", ondelete="CASCADE"), nullable=False, index=True)
    storage_key: Mapped[str] = mapped_column(String(43), nullable=False, unique=True)
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    content_type: Mapped[str] = mapped_column(String(120), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_user.id", ondelete="SET NULL"))

    note: Mapped[Note] = relationship(back_populates="attachments")
