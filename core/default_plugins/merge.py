"""When two records merge, the kernel's own links to the source follow it to the target.

Document links (either end), portal users acting for the record, and notifications whose
link opens the source's page. Audit entries stay where they are: they are history.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from sqlalchemy import update

from core.conversions.models import DocumentLink
from core.db.merge import move_rows
from core.hookspecs import hookimpl
from core.i18n import lazy_gettext as _l
from core.identity.models import PortalUser
from core.kernel import kontora
from core.web.models import Notification


@hookimpl
def kontora_merge_records(kind: str, source_id: int, target_id: int,
                          session: Any) -> list[dict[str, Any]]:
    links = DocumentLink.__table__
    portal = PortalUser.__table__
    moved = [
        (_l("Document chain"),
         move_rows(session, links, "source_id", source_id, target_id,
                   where=links.c.source_kind == kind)
         + move_rows(session, links, "target_id", source_id, target_id,
                     where=links.c.target_kind == kind)),
        (_l("Portal users"), move_rows(session, portal, "record_id", source_id, target_id,
                                       where=portal.c.record_kind == kind)),
        (_l("Notifications"), _move_notifications(session, kind, source_id, target_id)),
    ]
    return [{"label": label, "count": count} for label, count in moved if count]


def _move_notifications(session: Any, kind: str, source_id: int, target_id: int) -> int:
    """Re-point notifications linking to the source's page (as a path or a full URL)."""


    k = kontora()
    record_kind = k.kinds.get(kind)
    if record_kind is None or not record_kind.endpoint:
        return 0
    urls = current_app.url_map.bind("localhost")
    old = urls.build(record_kind.endpoint, {"id": source_id})
    new = urls.build(record_kind.endpoint, {"id": target_id})
    base = k.settings.base_url
    count = 0
    for before, after in ((old, new), (base + old, base + new)):
        result = session.execute(update(Notification).where(Notification.link == before)
                                 .values(link=after))
        count += result.rowcount or 0
    return count
