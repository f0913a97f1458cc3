"""The attachment download page (``/activities/files/<key>``); see :mod:`..downloads`."""

from __future__ import annotations

from plugins.activities.downloads import attachment_response
from plugins.activities.views import bp


@bp.get("/files/<key>")
def download(key: str):
    return attachment_response(key)
