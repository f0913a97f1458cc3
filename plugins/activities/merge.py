"""Merging two records: activities, tasks, notes and attachments follow to the one that stays."""

from __future__ import annotations

from typing import Any

from core.db.merge import move_rows
from core.i18n import gettext as _
from plugins.activities.models import Activity, Attachment, Note, Task


def move_linked_rows(kind: str, source_id: int, target_id: int,
                     session: Any) -> list[dict[str, Any]]:
    moved = []
    for label, model in ((_("Activities"), Activity), (_("Tasks"), Task),
                         (_("Notes and comments"), Note), (None, Attachment)):
        table = model.__table__
        count = move_rows(session, table, "record_id", source_id, target_id,
                          where=table.c.record_kind == kind)
        if label is not None and count:
            moved.append({"label": label, "count": count})
    return moved
