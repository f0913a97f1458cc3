"""Reading the area: a record's timeline, my tasks, overdue tasks, "no next step".

Every read applies the record rules (``core.permissions.scope``) of activities and tasks;
notes are read only through a record the caller may read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, not_, or_, select

from core.db import session
from core.i18n import get_timezone
from core.permissions import scope
from plugins.activities.models import OPEN_STATUSES, Activity, Note, Participant, Task

TIMELINE_LIMIT = 100


def open_task_exists(kind: str, id_column: Any) -> ColumnElement[bool]:
    """SQL: the record in ``id_column`` (of ``kind``) has an open or in-progress task.

    Usable in any plugin's list query without importing this plugin's models beyond this
    helper: ``select(Client).where(no_next_step("parties.client", Client.id))``.
    """
    return exists().where(Task.record_kind == kind, Task.record_id == id_column,
                          Task.status.in_(OPEN_STATUSES))


def no_next_step(kind: str, id_column: Any) -> ColumnElement[bool]:
    """SQL: the record has no open task (the list flags it "no next step")."""
    return not_(open_task_exists(kind, id_column))


def without_next_step(kind: str, model: Any, record_ids: list[int],
                      settled: Sequence[str] = ()) -> set[int]:
    """Which of ``record_ids`` (rows of ``model``, of ``kind``) have no open task; one query.

    Rows whose ``status`` is one of ``settled`` (won, lost, accepted...: the record kind's
    ``extra["settled"]``) expect no next step and are never flagged.
    """
    if not record_ids:
        return set()
    stmt = select(model.id).where(model.id.in_(record_ids), no_next_step(kind, model.id))
    if settled:
        stmt = stmt.where(model.status.not_in(settled))
    return set(session().scalars(stmt))


@dataclass(frozen=True)
class Entry:
    """One line of a timeline: a note or comment, an activity or a task."""

    kind: str  # "note" | "activity" | "task"
    at: datetime
    item: Any


def timeline(principal: Any, kind: str, record_id: int,
             limit: int = TIMELINE_LIMIT) -> list[Entry]:
    """The record's notes, activities and tasks, newest first (three queries).

    The caller has checked that the record is readable; activities and tasks are also
    kept to the principal's own record rules for them.
    """
    entries: list[Entry] = []
    if principal.has("activities.read"):
        notes = session().scalars(
            select(Note).where(Note.record_kind == kind, Note.record_id == record_id)
            .order_by(Note.created_at.desc(), Note.id.desc()).limit(limit))
        entries += [Entry("note", n.created_at, n) for n in notes]
        acts = session().scalars(scope(
            select(Activity).where(Activity.record_kind == kind, Activity.record_id == record_id)
            .order_by(Activity.starts_at.desc(), Activity.id.desc()).limit(limit),
            Activity, principal))
        entries += [Entry("activity", a.starts_at, a) for a in acts]
    if principal.has("tasks.read"):
        tasks = session().scalars(scope(
            select(Task).where(Task.record_kind == kind, Task.record_id == record_id)
            .order_by(Task.created_at.desc(), Task.id.desc()).limit(limit), Task, principal))
        entries += [Entry("task", t.created_at, t) for t in tasks]
    entries.sort(key=lambda e: (e.at, e.kind, e.item.id), reverse=True)
    return entries[:limit]


def my_tasks_statement(principal: Any, *, overdue_on: date | None = None,
                       everyone: bool = False) -> Select:
    """Open tasks assigned to the principal (or, with ``everyone``, every open task they
    may see), soonest due first; ``overdue_on`` keeps those due before that day."""
    stmt = scope(select(Task).where(Task.status.in_(OPEN_STATUSES)), Task, principal)
    if not everyone:
        stmt = stmt.where(Task.owner_id == principal.user_id)
    if overdue_on is not None:
        stmt = stmt.where(Task.due_on < overdue_on)
    return stmt.order_by(Task.due_on.is_(None), Task.due_on, Task.id)


def open_tasks(principal: Any, *, overdue_on: date | None = None, everyone: bool = False,
               limit: int = 200) -> list[Task]:
    return list(session().scalars(my_tasks_statement(principal, overdue_on=overdue_on,
                                                     everyone=everyone).limit(limit)))


def calendar_items(user_id: int, since: datetime, until: datetime, *,
                   activities: bool, tasks: bool) -> tuple[list[Activity], list[Task]]:
    """What one user's calendar holds: activities they organise or take part in (not
    cancelled) and their open tasks with a due date, within ``since``..``until``."""
    acts: list[Activity] = []
    todo: list[Task] = []
    if activities:
        mine = select(Participant.activity_id).where(Participant.user_id == user_id)
        acts = list(session().scalars(
            select(Activity).where(or_(Activity.owner_id == user_id, Activity.id.in_(mine)),
                                   Activity.status != "cancelled",
                                   Activity.starts_at >= since, Activity.starts_at < until)
            .order_by(Activity.starts_at, Activity.id)))
    if tasks:
        todo = list(session().scalars(
            select(Task).where(Task.owner_id == user_id, Task.status.in_(OPEN_STATUSES),
                               Task.due_on.is_not(None), Task.due_on >= since.date(),
                               Task.due_on < until.date())
            .order_by(Task.due_on, Task.id)))
    return acts, todo


def reader_today() -> date:
    """Today in the reader's time zone (the user's, else ``KONTORA_TIMEZONE``)."""
    from zoneinfo import ZoneInfo


    zone = get_timezone()
    return datetime.now(ZoneInfo(str(zone)) if zone is not None else None).date()
