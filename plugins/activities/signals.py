"""Signals the ``activities`` plugin announces (after commit); listeners connect by name."""

from __future__ import annotations

SIGNALS = {
    "activities.activity-logged": "An activity that already happened was recorded, or a "
    "scheduled one was marked held. Sender: the activity id. Keyword arguments: "
    "principal_id, type, record_kind, record_id.",
    "activities.activity-scheduled": "An activity was scheduled. Sender: the activity id. "
    "Keyword arguments: principal_id, type, starts_at (ISO text), record_kind, record_id.",
    "activities.activity-cancelled": "A scheduled activity was cancelled. Sender: the "
    "activity id. Keyword arguments: principal_id.",
    "activities.note-added": "A note or comment (with its attachments) was added to a "
    "record's timeline. Sender: the note id. Keyword arguments: principal_id, kind, "
    "record_kind, record_id, attachments (count).",
    "activities.task-created": "A task was created. Sender: the task id. Keyword arguments: "
    "principal_id, assignee_id, record_kind, record_id.",
    "activities.task-assigned": "A task was given to someone (on creation or later). "
    "Sender: the task id. Keyword arguments: principal_id, assignee_id, previous_id.",
    "activities.task-status-changed": "A task moved along its workflow. Sender: the task "
    "id. Keyword arguments: principal_id, transition, before, after.",
    "activities.task-updated": "A task's title, description, due date, priority or record "
    "changed. Sender: the task id. Keyword arguments: principal_id, changed (field names).",
}
