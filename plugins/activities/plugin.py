"""Manifest, contents and behaviour hooks of the ``activities`` plugin.

It depends on the kernel only: activities, tasks and notes attach to any record as a
``(record_kind, record_id)`` pair and reach other plugins' records through the record
kinds, so every plugin's detail pages get a timeline without either side importing the
other.
"""

from __future__ import annotations

from typing import Any

from core import Contents, Manifest, hookimpl
from core.i18n import lazy_gettext as _l
from plugins.activities.demo import add_demo_activities
from plugins.activities.merge import move_linked_rows
from plugins.activities.panels import next_step_badges, timeline_panels

manifest = Manifest(
    name="activities",
    title="Activities and tasks",
    version="1.0",
    depends=[],
    description="Calls, e-mails and meetings logged or scheduled, notes and comments with "
    "attachments, tasks with assignees and due dates, and a calendar feed, on any record.",
)

contents = Contents(
    models=["plugins.activities.models"],
    record_kinds=["plugins.activities.kinds:record_kinds"],
    signals=["plugins.activities.signals:SIGNALS"],
    permissions=[
        ("activities.read", _l("See activities, notes and comments")),
        ("activities.write", _l("Log and schedule activities, write notes and comments")),
        ("tasks.read", _l("See tasks")),
        ("tasks.write", _l("Create tasks and move them along")),
        ("tasks.assign", _l("Give tasks to other people")),
    ],
    roles={
        "sales_manager": ["*"],
        "salesperson": ["*"],
        "accountant": ["activities.read", "activities.write", "tasks.read", "tasks.write"],
        "logistics": ["activities.read", "activities.write", "tasks.read", "tasks.write"],
    },
    blueprints=["plugins.activities.views:bp"],
    api_blueprints=["plugins.activities.api:bp", "plugins.activities.calendar_api:bp"],
    menu=[
        {"label": _l("Activities"), "endpoint": "activities.activity_list",
         "group": _l("Activities"), "order": 30, "permission": "activities.read",
         "icon": "calendar-event"},
        {"label": _l("My tasks"), "endpoint": "activities.my_tasks", "group": _l("Activities"),
         "order": 31, "permission": "tasks.read", "icon": "check2-square"},
        {"label": _l("Overdue tasks"), "endpoint": "activities.overdue_tasks",
         "group": _l("Activities"), "order": 32, "permission": "tasks.read", "icon": "alarm"},
        {"label": _l("All tasks"), "endpoint": "activities.task_list", "group": _l("Activities"),
         "order": 33, "permission": "tasks.read", "icon": "list-check"},
        {"label": _l("Calendar feed"), "endpoint": "activities.calendar",
         "group": _l("Activities"), "order": 34, "permission": "activities.read",
         "icon": "calendar3"},
    ],
    jobs="plugins.activities.jobs:JOBS",
)


@hookimpl
def kontora_record_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    return timeline_panels(kind, record_id)


@hookimpl
def kontora_profile_sections(party_id: int) -> list[dict[str, Any]]:
    return timeline_panels("parties.client", party_id)


@hookimpl
def kontora_list_badges(kind: str, record_ids: list[int]) -> list[dict[str, Any]]:
    return next_step_badges(kind, record_ids)


@hookimpl
def kontora_merge_records(kind: str, source_id: int, target_id: int,
                          session: Any) -> list[dict[str, Any]]:
    return move_linked_rows(kind, source_id, target_id, session)


@hookimpl(tryfirst=True)
def kontora_demo_data(session: Any) -> None:
    """Runs after every other plugin's demo data (``call_in_order`` walks pluggy's list
    from its end, where ``tryfirst`` puts this), so the demo clients exist by then."""

    add_demo_activities(session)


@hookimpl
def kontora_home_cards(principal: Any) -> list[dict[str, Any]]:
    from plugins.activities.home import task_card

    return task_card(principal)
