"""Optimistic concurrency over HTTP: the record's version as its ETag, checked by If-Match.

A client reads a record (``ETag: "3"``), edits it and sends ``If-Match: "3"``; when someone
saved version 4 meanwhile the service raises ``Conflict`` and the API answers 409, so no
update silently overwrites another. ``If-Match: *`` or no header skips the check.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Response, request
from werkzeug.exceptions import PreconditionFailed

from core.i18n import gettext as _

_VERSION_TAG = re.compile(r'^(?:W/)?"(\d{1,18})"$')


def etag_of(record: Any) -> str | None:
    """The ETag of ``record``: its version, quoted; ``None`` for unversioned records."""
    version = getattr(record, "version", None)
    return f'"{version}"' if isinstance(version, int) else None


def with_etag(response: Response, record: Any) -> Response:
    tag = etag_of(record)
    if tag is not None:
        response.headers["ETag"] = tag
    return response


def expected_version() -> int | None:
    """The version named by ``If-Match``; ``None`` without one or for ``*``.

    A value that is no ETag of ours cannot match any version: 412 Precondition Failed.
    """
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    match = _VERSION_TAG.match(header)
    if match is None:
        raise PreconditionFailed(_('If-Match must be an ETag this API gave, such as "3".'))
    return int(match.group(1))


def not_modified(record: Any) -> bool:
    """The client's ``If-None-Match`` already names this version (answer 304)."""
    tag = etag_of(record)
    header = request.headers.get("If-None-Match", "")
    return tag is not None and tag in [t.strip() for t in header.split(",")]
