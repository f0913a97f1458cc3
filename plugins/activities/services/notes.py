"""Notes and comments on a record's timeline, their attachments, and reading those back.

Writing needs ``activities.write``; reading needs ``activities.read``. Both need the
record itself to be readable by the principal (through ``core.services.get_record`` on
its kind), and anything else answers 404 so nothing about the record leaks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from sqlalchemy import select

from core.db import after_commit, session
from core.errors import Forbidden, NotAuthenticated, NotFound, ValidationError
from core.i18n import gettext as _
from core.permissions import require
from core.services import announce, service, validate
from plugins.activities import storage
from plugins.activities.links import readable_record
from plugins.activities.models import Attachment, Note
from plugins.activities.schemas import NoteSchema

MAX_FILES = 10

Upload = tuple[str | None, IO[bytes]]
"""An uploaded file as ``(filename given by the client, byte stream)``."""


@service("activities.write")
def add_note(principal: Any, kind: str, record_id: int, data: Any,
             files: Iterable[Upload] = ()) -> Note:
    """A note or comment on record ``record_id`` of ``kind``, with attached files."""
    readable_record(principal, kind, record_id)
    values = validate(NoteSchema(), data)
    note = Note(record_kind=kind, record_id=record_id, created_by_id=principal.user_id,
                updated_by_id=principal.user_id, **values)
    session().add(note)
    attach_files(note, list(files), author_id=principal.user_id)
    session().flush()
    announce("activities.note-added", note.id, principal_id=principal.user_id, kind=note.kind,
             record_kind=kind, record_id=record_id, attachments=len(note.attachments))
    return note


def record_event(kind: str, record_id: int, body: str, *, author_id: int | None = None) -> Note:
    """A note of what the system did to a record (a client became a customer...).

    No permission check: it records a consequence of a change its caller has allowed.
    """
    note = Note(record_kind=kind, record_id=record_id, kind="note", body=body,
                created_by_id=author_id, updated_by_id=author_id)
    session().add(note)
    session().flush()
    return note


@service("activities.write")
def add_attachments(principal: Any, note_id: int, files: Iterable[Upload]) -> list[Attachment]:
    """Attach more files to a note; only its author may (administrators too)."""
    note = _own_note(principal, note_id)
    uploads = list(files)
    if not uploads:
        raise ValidationError(_("Choose a file."), fields={"file": [_("Choose a file.")]})
    added = attach_files(note, uploads, author_id=principal.user_id)
    session().flush()
    return added


@service("activities.write")
def delete_note(principal: Any, note_id: int) -> None:
    """Delete a note with its files; only its author may (administrators too)."""
    note = _own_note(principal, note_id)
    digests = {a.sha256 for a in note.attachments}
    session().delete(note)
    session().flush()
    for digest in digests:
        after_commit(lambda d=digest: storage.discard(d))


def get_note(principal: Any, note_id: int) -> Note:
    """A note the principal may read (404 otherwise)."""
    _require_read(principal)
    note = session().get(Note, note_id)
    if note is None:
        raise NotFound(_("There is no such note."))
    readable_record(principal, note.record_kind, note.record_id)
    return note


def get_attachment(principal: Any, storage_key: str) -> Attachment:
    """The attachment behind ``storage_key`` if the principal may read its record.

    Any refusal (signed out, no ``activities.read``, the record outside their scope or
    gone, its plugin disabled) is the same 404.
    """
    try:
        _require_read(principal)
    except (Forbidden, NotAuthenticated):
        raise NotFound(_("There is no such file.")) from None
    found = session().scalar(select(Attachment).where(Attachment.storage_key == storage_key))
    if found is None:
        raise NotFound(_("There is no such file."))
    readable_record(principal, found.record_kind, found.record_id)
    return found


def _require_read(principal: Any) -> None:
    require(principal, "activities.read")


def _own_note(principal: Any, note_id: int) -> Note:
    note = get_note(principal, note_id)
    if note.created_by_id != principal.user_id and not principal.is_admin:
        raise Forbidden(_("Only the author may change this note."))
    return note


def attach_files(note: Note, uploads: list[Upload], *,
                 author_id: int | None) -> list[Attachment]:
    """Store ``uploads`` on ``note`` (size limit, type from the bytes, outside the web
    root); other plugins writing a note of their own (an order's client thread) use it."""
    if len(uploads) + len(note.attachments) > MAX_FILES:
        raise ValidationError(_("Too many files."), fields={"file": [
            _("Attach at most %(count)s files to one note.", count=MAX_FILES)]})
    added = []
    for filename, stream in uploads:
        stored = storage.store(filename, stream)
        attachment = Attachment(record_kind=note.record_kind, record_id=note.record_id,
                                created_by_id=author_id, filename=stored.filename,
                                content_type=stored.content_type, size=stored.size,
                                sha256=stored.sha256, storage_key=stored.storage_key)
        note.attachments.append(attachment)
        added.append(attachment)
    return added
