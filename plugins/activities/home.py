"""The "My tasks" card of the home page: open tasks assigned to me and how many are overdue."""

from __future__ import annotations

from typing import Any

from flask import url_for
from sqlalchemy import case, func, select

from core.db import session
from core.i18n import gettext as _
from core.permissions import scope
from plugins.activities.models import Task
from plugins.activities.models.task import OPEN_STATUSES
from plugins.activities.queries import reader_today


def task_card(principal: Any) -> list[dict[str, Any]]:
    """One aggregate query: my open tasks, and those due before today."""
    if not principal.has("tasks.read"):
        return []
    overdue = func.coalesce(func.sum(case((Task.due_on < reader_today(), 1), else_=0)), 0)
    open_count, overdue_count = session().execute(scope(
        select(func.count(Task.id), overdue)
        .where(Task.status.in_(OPEN_STATUSES), Task.owner_id == principal.user_id),
        Task, principal)).one()
    return [{"key": "activities.tasks", "title": _("My tasks"), "order": 10,
             "icon": "check2-square", "figures": [
                 {"label": _("Open"), "value": open_count,
                  "url": url_for("activities.my_tasks")},
                 {"label": _("Overdue"), "value": overdue_count, "tone": "danger",
                  "url": url_for("activities.overdue_tasks")}]}]
