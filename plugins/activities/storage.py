"""Attachment bytes: checked (size, type from the bytes), named safely, stored by SHA-256.

Files live under ``<instance>/attachments/ab/cd/<sha256>``, outside every folder the web
server serves, and are only ever read back through the download view, which checks the
record first. Equal files are stored once. The type comes from the bytes, never from the
name or the browser, and must be on the allow-list; the name is reduced to letters (of any
script: a Bulgarian "оферта.pdf" stays readable), digits, dots and dashes, and the URL uses a
random key, not the name or an id.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import filetype

from core.errors import ValidationError
from core.i18n import gettext as _
from core.kernel import kontora

ALLOWED_TYPES = {
    "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/msword", "application/vnd.ms-excel",
    "text/plain", "text/csv",
}
INLINE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"}
"""Types a browser may show in place; everything else downloads. SVG and HTML are never
accepted at all: they can carry scripts."""
TEXT_CONTROL = set(range(0, 32)) - {9, 10, 13}


@dataclass(frozen=True)
class StoredFile:
    filename: str
    content_type: str
    size: int
    sha256: str
    storage_key: str


def root() -> Path:
    return kontora().settings.instance_path / "attachments"


def path_of(sha256: str) -> Path:
    return root() / sha256[:2] / sha256[2:4] / sha256


def max_bytes() -> int:
    return kontora().settings.upload_max_bytes


def store(filename: str | None, stream: IO[bytes]) -> StoredFile:
    """Check and keep one uploaded file; a field error (``file``) says what is wrong."""
    limit = max_bytes()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(_("The file is too large."), fields={"file": [
            _("Files may be at most %(size)s.", size=human_size(limit))]})
    if not data:
        raise ValidationError(_("The file is empty."), fields={"file": [_("The file is empty.")]})
    content_type = sniff(data, filename or "")
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(_("This type of file cannot be attached."), fields={"file": [
            _("Attach images, PDF, office documents or plain text only.")]})
    digest = hashlib.sha256(data).hexdigest()
    _write(path_of(digest), data)
    return StoredFile(filename=safe_name(filename, content_type), content_type=content_type,
                      size=len(data), sha256=digest, storage_key=secrets.token_urlsafe(32))


def human_size(size: int) -> str:
    """``10 MB``, ``512 KB`` or ``100 bytes``, in the reader's language."""
    if size >= 1048576:
        return _("%(number)s MB", number=f"{size / 1048576:.3g}")
    if size >= 1024:
        return _("%(number)s KB", number=f"{size / 1024:.3g}")
    return _("%(number)s bytes", number=size)


def sniff(data: bytes, filename: str) -> str:
    """The content type the bytes show; text only if it decodes as UTF-8 without controls."""
    kind = filetype.guess(data)
    if kind is not None:
        return kind.mime
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "application/octet-stream"
    if any(ord(ch) in TEXT_CONTROL for ch in text):
        return "application/octet-stream"
    return "text/csv" if filename.lower().endswith(".csv") else "text/plain"


EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif",
              "image/webp": ".webp", "application/pdf": ".pdf", "text/plain": ".txt",
              "text/csv": ".csv"}


def safe_name(filename: str | None, content_type: str) -> str:
    """A name safe on every file system and in a header, ending as its type does."""
    name = _clean(filename or "")[:200] or "file"
    wanted = EXTENSIONS.get(content_type)
    if wanted and not name.lower().endswith(wanted) and \
            not (wanted == ".jpg" and name.lower().endswith(".jpeg")):
        name += wanted
    return name


def _clean(filename: str) -> str:
    """The last path part, with anything but letters, digits, dots and dashes made ``_``."""
    base = unicodedata.normalize("NFC", filename).replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join(ch if ch.isalnum() or ch in ".-" else "_" for ch in base)
    return "_".join(part for part in kept.split("_") if part).replace("_.", ".").lstrip("._-")


def _write(target: Path, data: bytes) -> None:
    """Write once, atomically: a concurrent upload of the same bytes finds it complete."""
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def discard(sha256: str) -> None:
    """Remove stored bytes no attachment refers to any more (called after commit)."""
    from sqlalchemy import func, select

    from plugins.activities.models import Attachment

    with kontora().db.unit() as s:
        if s.scalar(select(func.count()).where(Attachment.sha256 == sha256)):
            return
    path_of(sha256).unlink(missing_ok=True)
