"""Manifest and hooks of the ``activities`` plugin: the table of contents.

It depends on the kernel only: activities, tasks and notes attach to any record as a
``(record_kind, record_id)`` pair and reach other plugins' records through the record
kinds, so every plugin's detail pages get a timeline without either side importing the
other.
"""

from __future__ import annotations

from typing import Any

from core import Manifest, hookimpl
from core.i18n import lazy_gettext as _l

manifest = Manifest(
    name="activities",
    title="Activities and tasks",
    version="1.0",
    depends=[],
    description="Calls, e-mails and meetings logged or scheduled, notes and comments with "
    "attachments, tasks with assignees and due dates, and a calendar feed, on any record.",
)

PERMISSIONS = [
    ("activities.read", _l("See activities, notes and comments")),
    ("activities.write", _l("Log and schedule activities, write notes and comments")),
    ("tasks.read", _l("See tasks")),
    ("tasks.write", _l("Create tasks and move them along")),
    ("tasks.assign", _l("Give tasks to other people")),
]


@hookimpl
def kontora_models() -> None:
    import plugins.activities.models  # noqa: F401


@hookimpl
def kontora_record_kinds() -> list:
    from plugins.activities.kinds import record_kinds

    return record_kinds()


@hookimpl
def kontora_declare_signals(events: Any) -> None:
    from plugins.activities.signals import SIGNALS

    for name, doc in SIGNALS.items():
        events.declare(name, doc)


@hookimpl
def kontora_permissions() -> list[tuple[str, Any]]:
    return list(PERMISSIONS)


@hookimpl
def kontora_default_roles() -> dict[str, list[str]]:
    everything = [code for code, _label in PERMISSIONS]
    return {
        "sales_manager": everything,
        "salesperson": everything,
        "accountant": ["activities.read", "activities.write", "tasks.read", "tasks.write"],
        "logistics": ["activities.read", "activities.write", "tasks.read", "tasks.write"],
    }


@hookimpl
def kontora_blueprints() -> list:
    from plugins.activities.views import bp

    return [bp]


@hookimpl
def kontora_api_blueprints() -> list:
    from plugins.activities.api import bp

    return [bp]


@hookimpl
def kontora_menu_entries() -> list[dict]:
    group = _l("Activities")
    return [
        {"label": _l("Activities"), "endpoint": "activities.activity_list", "group": group,
         "order": 30, "permission": "activities.read", "icon": "calendar-event"},
        {"label": _l("My tasks"), "endpoint": "activities.my_tasks", "group": group,
         "order": 31, "permission": "tasks.read", "icon": "check2-square"},
        {"label": _l("Overdue tasks"), "endpoint": "activities.overdue_tasks", "group": group,
         "order": 32, "permission": "tasks.read", "icon": "alarm"},
        {"label": _l("All tasks"), "endpoint": "activities.task_list", "group": group,
         "order": 33, "permission": "tasks.read", "icon": "list-check"},
        {"label": _l("Calendar feed"), "endpoint": "activities.calendar", "group": group,
         "order": 34, "permission": "activities.read", "icon": "calendar3"},
    ]


@hookimpl
def kontora_record_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    from plugins.activities.panels import timeline_panels

    return timeline_panels(kind, record_id)


@hookimpl
def kontora_profile_sections(party_id: int) -> list[dict[str, Any]]:
    from plugins.activities.panels import timeline_panels

    return timeline_panels("parties.client", party_id)


@hookimpl
def kontora_list_badges(kind: str, record_ids: list[int]) -> list[dict[str, Any]]:
    from plugins.activities.panels import next_step_badges

    return next_step_badges(kind, record_ids)


@hookimpl
def kontora_jobs() -> dict[str, Any]:
    from plugins.activities.jobs import send_task_mail
    from plugins.activities.notifications import MAIL_JOB

    return {MAIL_JOB: send_task_mail}


@hookimpl
def kontora_merge_records(kind: str, source_id: int, target_id: int,
                          session: Any) -> list[dict[str, Any]]:
    from plugins.activities.merge import move_linked_rows

    return move_linked_rows(kind, source_id, target_id, session)


@hookimpl(tryfirst=True)
def kontora_demo_data(session: Any) -> None:
    """Runs after every other plugin's demo data (``call_in_order`` walks pluggy's list
    from its end, where ``tryfirst`` puts this), so the demo clients exist by then."""
    from plugins.activities.demo import add_demo_activities

    add_demo_activities(session)
