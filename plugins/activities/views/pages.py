"""Generic list, export and detail pages of activities and tasks (``register_crud``).

The generic "new" and "edit" pages would write through the generic record services and
skip this plugin's rules, so those two addresses send the browser to the plugin's forms.
"""

from __future__ import annotations

from flask import redirect, request, url_for

from core.i18n import lazy_gettext as _l
from core.web.generic import Column, Filter, register_crud
from plugins.activities.labels import (
    ACTIVITY_STATUS_LABELS,
    ACTIVITY_TYPE_LABELS,
    PRIORITY_LABELS,
    TASK_STATUS_LABELS,
    choices,
    label,
)
from plugins.activities.views import bp


def _owner_name(record) -> str:
    person = getattr(record, "owner", None) or getattr(record, "assignee", None)
    return person.name if person is not None else "—"


register_crud(
    bp, kind="activities.activity", name="activity", path="/",
    columns=[Column("subject", _l("Subject")),
             Column("type", _l("Type"), sortable=False,
                    format=lambda r: label(ACTIVITY_TYPE_LABELS, r.type)),
             Column("status", _l("Status"),
                    format=lambda r: label(ACTIVITY_STATUS_LABELS, r.status)),
             Column("starts_at", _l("When")),
             Column("owner_id", _l("Owner"), sortable=False, format=_owner_name)],
    filters=[Filter("type", _l("Type"), type="select",
                    choices=lambda: choices(ACTIVITY_TYPE_LABELS)),
             Filter("status", _l("Status"), type="select",
                    choices=lambda: choices(ACTIVITY_STATUS_LABELS))],
    default_sort="-starts_at", search_fields=["subject", "location", "description", "outcome"],
)

register_crud(
    bp, kind="activities.task", name="task", path="/tasks",
    columns=[Column("title", _l("Title")),
             Column("status", _l("Status"), format=lambda r: label(TASK_STATUS_LABELS, r.status)),
             Column("priority", _l("Priority"),
                    format=lambda r: label(PRIORITY_LABELS, r.priority)),
             Column("due_on", _l("Due")),
             Column("owner_id", _l("Assignee"), sortable=False, format=_owner_name)],
    filters=[Filter("status", _l("Status"), type="select",
                    choices=lambda: choices(TASK_STATUS_LABELS)),
             Filter("priority", _l("Priority"), type="select",
                    choices=lambda: choices(PRIORITY_LABELS))],
    default_sort="due_on", search_fields=["title", "description"],
)

OWN_FORMS = {
    "activities.activity_new": "activities.activity_compose",
    "activities.activity_edit": "activities.activity_change",
    "activities.task_new": "activities.task_compose",
    "activities.task_edit": "activities.task_change",
}


@bp.before_request
def _use_own_forms():
    target = OWN_FORMS.get(request.endpoint or "")
    if target is not None:
        return redirect(url_for(target, **(request.view_args or {}), **request.args))
    return None


@bp.app_template_global("activities_about")
def about(record) -> tuple[str, str | None] | None:
    """``(title, path)`` of the record an activity or task is about, for its detail page."""
    from plugins.activities.links import record_titles

    if not record.record_kind:
        return None
    pair = (record.record_kind, record.record_id)
    return record_titles({pair}).get(pair)


@bp.app_template_global("activities_task_moves")
def task_moves(task) -> list:
    from plugins.activities.workflow import TASK_TRANSITIONS, available

    return available(TASK_TRANSITIONS, task.status)
