"""Models of the ``activities`` plugin: what happened and what comes next, on any record."""

from plugins.activities.models.activity import (
    ACTIVITY_STATUSES,
    ACTIVITY_TYPES,
    Activity,
    Participant,
)
from plugins.activities.models.calendar import CalendarToken
from plugins.activities.models.note import NOTE_KINDS, Attachment, Note
from plugins.activities.models.task import OPEN_STATUSES, PRIORITIES, TASK_STATUSES, Task

__all__ = [
    "ACTIVITY_STATUSES",
    "ACTIVITY_TYPES",
    "NOTE_KINDS",
    "OPEN_STATUSES",
    "PRIORITIES",
    "TASK_STATUSES",
    "Activity",
    "Attachment",
    "CalendarToken",
    "Note",
    "Participant",
    "Task",
]
