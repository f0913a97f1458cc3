"""A file of a message as an HTTP download, for the page and the API alike."""

from __future__ import annotations

from urllib.parse import quote

from flask import Response

from plugins.leads.mailbox.models import InboxAttachment


def file_response(found: InboxAttachment) -> Response:
    """The bytes as an attachment the browser never shows or runs, the sender's name kept."""
    response = Response(found.data, mimetype="application/octet-stream")
    response.headers["Content-Disposition"] = _disposition(found.filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _disposition(filename: str) -> str:
    """An attachment header keeping a non-ASCII name (RFC 6266 ``filename*``)."""
    fallback = filename.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
