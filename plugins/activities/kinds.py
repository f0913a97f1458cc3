"""The record kinds ``activities`` owns; notes are not one (they belong to their record)."""

from __future__ import annotations

from core.i18n import lazy_gettext as _l
from core.kinds import RecordKind
from plugins.activities.models import Activity, Task
from plugins.activities.schemas import ActivitySchema, TaskSchema


def record_kinds() -> list[RecordKind]:
    return [
        RecordKind(
            kind="activities.activity", model=Activity, label=_l("Activity"),
            label_plural=_l("Activities"), permission_prefix="activities",
            endpoint="activities.activity_detail", schema=ActivitySchema, title_attr="subject",
            extra={"filters": ["type", "status", "owner_id", "record_kind", "record_id",
                               "starts_at"],
                   "search": ["subject", "location", "description", "outcome"],
                   "sort": ["starts_at", "subject", "status"], "default_sort": "-starts_at"},
        ),
        RecordKind(
            kind="activities.task", model=Task, label=_l("Task"), label_plural=_l("Tasks"),
            permission_prefix="tasks", endpoint="activities.task_detail", schema=TaskSchema,
            title_attr="title",
            extra={"filters": ["status", "priority", "owner_id", "record_kind", "record_id",
                               "due_on"],
                   "search": ["title", "description"],
                   "sort": ["due_on", "title", "status", "priority", "created_at"],
                   "default_sort": "due_on"},
        ),
    ]
