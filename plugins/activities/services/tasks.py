"""Tasks: create, change, (re)assign, move along the workflow, delete.

A task's assignee is its owner. Giving a task to someone else needs ``tasks.assign`` and a
write scope that covers that person; everyone concerned (assignee, previous assignee,
creator; never the one acting) is notified in the app and by e-mail.
"""

from __future__ import annotations

from typing import Any

from core.db import session, utcnow
from core.errors import Forbidden
from core.i18n import gettext as _
from core.permissions import require
from core.permissions.rules import may_own
from core.services import announce, load_record, locked, service, validate
from plugins.activities.links import checked_link
from plugins.activities.models import Task
from plugins.activities.notifications import task_changed
from plugins.activities.schemas import TaskChangeSchema, TaskSchema
from plugins.activities.services.common import (
    active_users,
    check_move,
    check_version,
    stamp,
)
from plugins.activities.workflow import TASK_TRANSITIONS

KIND = "activities.task"


@service("tasks.write")
def create_task(principal: Any, data: Any) -> Task:
    """A new open task, for the principal unless ``assignee_id`` names someone else."""
    values = validate(TaskSchema(), data)
    kind, record_id = checked_link(principal, values.pop("record_kind", None),
                                   values.pop("record_id", None))
    owner_id = values.pop("owner_id", None) or principal.user_id
    _check_assignee(principal, owner_id)
    task = Task(record_kind=kind, record_id=record_id, owner_id=owner_id, status="open",
                **values)
    stamp(task, principal, created=True)
    session().add(task)
    session().flush()
    announce("activities.task-created", task.id, principal_id=principal.user_id,
             assignee_id=owner_id, record_kind=kind, record_id=record_id)
    if owner_id != principal.user_id:
        announce("activities.task-assigned", task.id, principal_id=principal.user_id,
                 assignee_id=owner_id, previous_id=None)
        task_changed(task, principal, "assigned")
    return task


@service("tasks.write")
def update_task(principal: Any, task_id: int, data: Any,
                expected_version: int | None = None) -> Task:
    """Change the fields given; a new ``assignee_id`` reassigns the task."""
    task = load_record(principal, KIND, task_id, "write")
    check_version(task, expected_version)
    values = validate(TaskChangeSchema(), data, partial=True)
    if "record_kind" in values or "record_id" in values:
        values["record_kind"], values["record_id"] = checked_link(
            principal, values.get("record_kind"), values.get("record_id"))
    previous = task.owner_id
    new_owner = (values.pop("owner_id") or principal.user_id) if "owner_id" in values \
        else previous
    if new_owner != previous:
        _check_assignee(principal, new_owner)
    changed = [k for k, v in values.items() if getattr(task, k) != v]
    for key in changed:
        setattr(task, key, values[key])
    task.owner_id = new_owner
    if not changed and new_owner == previous:
        return task
    stamp(task, principal)
    session().flush()
    if changed:
        announce("activities.task-updated", task.id, principal_id=principal.user_id,
                 changed=changed)
    if new_owner != previous:
        announce("activities.task-assigned", task.id, principal_id=principal.user_id,
                 assignee_id=new_owner, previous_id=previous)
        task_changed(task, principal, "assigned", previous_owner=previous)
    else:
        task_changed(task, principal, "changed")
    return task


def assign_task(principal: Any, task_id: int, assignee_id: int,
                expected_version: int | None = None) -> Task:
    """Give the task to ``assignee_id`` (needs ``tasks.assign`` unless it is oneself)."""
    return update_task(principal, task_id, {"assignee_id": assignee_id}, expected_version)


def _move(principal: Any, task_id: int, name: str) -> Task:
    transition = TASK_TRANSITIONS[name]
    require(principal, transition.permission)
    task = locked(load_record(principal, KIND, task_id, "write"))
    check_move(transition, task.status)
    before = task.status
    task.status = transition.target
    task.completed_at = utcnow() if transition.target == "done" else None
    stamp(task, principal)
    session().flush()
    announce("activities.task-status-changed", task.id, principal_id=principal.user_id,
             transition=name, before=before, after=task.status)
    task_changed(task, principal, name)
    return task


@service()
def start_task(principal: Any, task_id: int) -> Task:
    """open -> in progress."""
    return _move(principal, task_id, "start")


@service()
def complete_task(principal: Any, task_id: int) -> Task:
    """open or in progress -> done."""
    return _move(principal, task_id, "complete")


@service()
def cancel_task(principal: Any, task_id: int) -> Task:
    """open or in progress -> cancelled."""
    return _move(principal, task_id, "cancel")


@service()
def reopen_task(principal: Any, task_id: int) -> Task:
    """in progress, done or cancelled -> open."""
    return _move(principal, task_id, "reopen")


TRANSITION_SERVICES = {"start": start_task, "complete": complete_task, "cancel": cancel_task,
                       "reopen": reopen_task}


@service("tasks.write")
def delete_task(principal: Any, task_id: int, expected_version: int | None = None) -> None:
    task = load_record(principal, KIND, task_id, "write")
    check_version(task, expected_version)
    session().delete(task)
    session().flush()


def _check_assignee(principal: Any, owner_id: int) -> None:
    active_users({owner_id}, "assignee_id")
    if owner_id == principal.user_id:
        return
    require(principal, "tasks.assign")
    if not may_own(principal, "tasks.write", owner_id):
        raise Forbidden(_("You may not give tasks to that person."))
