"""Task lists for the day's work: "My tasks" and "Overdue" (record rules applied)."""

from __future__ import annotations

from flask import render_template, request

from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from plugins.activities.labels import PRIORITY_LABELS, TASK_STATUS_LABELS
from plugins.activities.links import record_titles
from plugins.activities.queries import open_tasks, reader_today
from plugins.activities.views import bp
from plugins.activities.workflow import TASK_TRANSITIONS, available


@bp.get("/tasks/mine")
@login_required
@permission_required("tasks.read")
def my_tasks():
    return _task_page(_("My tasks"), open_tasks(current_principal()), "mine")


@bp.get("/tasks/overdue")
@login_required
@permission_required("tasks.read")
def overdue_tasks():
    everyone = request.args.get("who") == "all"
    tasks = open_tasks(current_principal(), overdue_on=reader_today(), everyone=everyone)
    return _task_page(_("Overdue tasks"), tasks, "overdue", everyone=everyone)


def _task_page(title: str, tasks: list, view: str, everyone: bool = False) -> str:
    about = record_titles({(t.record_kind, t.record_id) for t in tasks if t.record_kind})
    return render_template("activities/task_page.html", title=title, tasks=tasks, view=view,
                           everyone=everyone, about=about, today=reader_today(),
                           moves=lambda t: available(TASK_TRANSITIONS, t.status),
                           status_labels=TASK_STATUS_LABELS, priority_labels=PRIORITY_LABELS)
