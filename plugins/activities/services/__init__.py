"""Every state change of the activities area: validate, check, write, audit, announce."""

from plugins.activities.services.activities import (
    cancel_activity,
    complete_activity,
    create_activity,
    delete_activity,
    update_activity,
)
from plugins.activities.services.calendar import regenerate_token, revoke_token
from plugins.activities.services.notes import (
    add_attachments,
    add_note,
    delete_note,
    get_attachment,
    get_note,
    record_event,
)
from plugins.activities.services.tasks import (
    TRANSITION_SERVICES,
    assign_task,
    cancel_task,
    complete_task,
    create_task,
    delete_task,
    reopen_task,
    start_task,
    update_task,
)

__all__ = [
    "TRANSITION_SERVICES",
    "add_attachments",
    "add_note",
    "assign_task",
    "cancel_activity",
    "cancel_task",
    "complete_activity",
    "complete_task",
    "create_activity",
    "create_task",
    "delete_activity",
    "delete_note",
    "delete_task",
    "get_attachment",
    "get_note",
    "record_event",
    "regenerate_token",
    "reopen_task",
    "revoke_token",
    "start_task",
    "update_activity",
    "update_task",
]
