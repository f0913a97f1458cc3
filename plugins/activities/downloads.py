"""Serving attachments: only to readers of the record, with headers that keep them inert.

The response names the exact type found in the bytes, forbids sniffing another, is kept
out of shared caches, and is a download unless it is an image or PDF a browser shows
safely in place. The web page and the API both answer with it.
"""

from __future__ import annotations

from flask import Response, send_file

from core.errors import NotFound
from core.i18n import gettext as _
from core.identity import current_principal
from plugins.activities import services, storage
from plugins.activities.models import Attachment


def attachment_response(key: str) -> Response:
    """The file behind ``key`` for the current principal; 404 for anyone else."""
    return send_attachment(services.get_attachment(current_principal(), key))


def send_attachment(found: Attachment) -> Response:
    """The bytes of an attachment the caller has already checked access to (other plugins
    serving files of their own records use this, with their own check)."""
    path = storage.path_of(found.sha256)
    if not path.is_file():
        raise NotFound(_("There is no such file."))
    response = send_file(path, mimetype=found.content_type,
                         as_attachment=found.content_type not in storage.INLINE_TYPES,
                         download_name=found.filename, conditional=False, etag=False,
                         max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-cache"
    if found.content_type != "application/pdf":  # browsers' PDF viewers refuse a sandbox
        response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
