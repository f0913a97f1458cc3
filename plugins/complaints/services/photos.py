"""Photos and drawings of a complaint: the activities plugin's attachments, restricted to
images and PDF.

Each upload is one note on the complaint's timeline with its files, so they are stored as
every attachment is (size limit, type from the bytes, outside the web root, by SHA-256)
and show on the timeline too. They are served by this plugin after its own check: staff
who may read the complaint, or the client it belongs to from the portal.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from core.db import session
from core.errors import NotFound, ValidationError
from core.i18n import force_locale
from core.i18n import gettext as _
from core.kernel import kontora
from core.services import announce, lock_record, service
from plugins.activities import storage
from plugins.activities.models import Attachment, Note
from plugins.activities.services.notes import MAX_FILES, Upload
from plugins.complaints.exceptions import ComplaintClosed
from plugins.complaints.models import Complaint
from plugins.complaints.services.common import KIND, load_complaint, tell_concerned
from plugins.complaints.workflow import OPEN

PHOTO_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"}
"""Photos, and drawings as images or PDF; previews are shown for the images."""


def checked(filename: str | None, stream: Any) -> tuple[str | None, io.BytesIO]:
    """The upload read within the size limit and sniffed, before anything is stored."""
    limit = storage.max_bytes()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(_("The file is too large."), fields={"file": [
            _("Files may be at most %(size)s.", size=storage.human_size(limit))]})
    if data and storage.sniff(data, filename or "") not in PHOTO_TYPES:
        raise ValidationError(_("This type of file cannot be attached."), fields={"file": [
            _("Attach photos (PNG, JPEG, GIF, WebP) or drawings as images or PDF.")]})
    return filename, io.BytesIO(data)


def attach_photos(complaint: Complaint, files: Iterable[Upload], *,
                  author_id: int | None, author_name: str) -> list[Attachment]:
    """Store the files on a new timeline note of the (locked, open) complaint."""
    if complaint.status not in OPEN:
        raise ComplaintClosed()
    uploads = [checked(name, stream) for name, stream in files]
    if not uploads:
        raise ValidationError(_("Choose a file."), fields={"file": [_("Choose a file.")]})
    if len(uploads) > MAX_FILES:
        raise ValidationError(_("Too many files."), fields={"file": [
            _("Attach at most %(count)s files at once.", count=MAX_FILES)]})
    with force_locale(kontora().settings.language):
        body = _("%(name)s added %(count)s photos or drawings.", name=author_name,
                 count=len(uploads))
    note = Note(record_kind=KIND, record_id=complaint.id, kind="note", body=body,
                created_by_id=author_id, updated_by_id=author_id)
    for filename, stream in uploads:
        stored = storage.store(filename, stream)
        note.attachments.append(Attachment(
            record_kind=KIND, record_id=complaint.id, created_by_id=author_id,
            filename=stored.filename, content_type=stored.content_type, size=stored.size,
            sha256=stored.sha256, storage_key=stored.storage_key))
    session().add(note)
    session().flush()
    return list(note.attachments)


@service("complaints.write")
def add_photos(principal: Any, complaint_id: int, files: Iterable[Upload]) -> list[Attachment]:
    """Attach photos or drawings to an open complaint the principal may change; owner and
    assignee are told."""
    complaint = lock_record(Complaint, load_complaint(principal, complaint_id, "write").id)
    added = attach_photos(complaint, files, author_id=principal.user_id,
                          author_name=principal.name)
    tell_concerned(complaint, principal.user_id, lambda: _(
        "%(actor)s added photos to complaint %(complaint)s.", actor=principal.name,
        complaint=complaint.number), timeline=False)
    announce("complaints.complaint-changed", complaint.id, principal_id=principal.user_id,
             fields=["photos"])
    return added


def get_photo(principal: Any, complaint_id: int, key: str) -> Attachment:
    """A photo of a complaint the staff principal may read (404 otherwise)."""
    load_complaint(principal, complaint_id, "read")
    found = photo_of(complaint_id, key)
    if found is None:
        raise NotFound(_("There is no such file."))
    return found


def photos_of(complaint_id: int) -> list[Attachment]:
    return list(session().scalars(
        select(Attachment).where(Attachment.record_kind == KIND,
                                 Attachment.record_id == complaint_id)
        .order_by(Attachment.id)))


def photo_of(complaint_id: int, key: str) -> Attachment | None:
    return session().scalar(select(Attachment).where(
        Attachment.storage_key == key, Attachment.record_kind == KIND,
        Attachment.record_id == complaint_id))
