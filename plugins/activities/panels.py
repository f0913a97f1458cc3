"""What this plugin adds to other plugins' pages: the timeline panel and list badges."""

from __future__ import annotations

from typing import Any

from flask import render_template
from markupsafe import Markup

from core.i18n import gettext as _
from core.identity import current_principal
from core.kernel import kontora


def timeline_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    """The "Timeline" panel of a detail page, for readers of activities or tasks."""

    principal = current_principal()
    if kind not in kontora().kinds or principal is None or not (
            principal.has("activities.read") or principal.has("tasks.read")):
        return []
    return [{"key": "timeline", "title": _("Timeline"), "order": 10,
             "render": lambda: Markup(render_timeline(principal, kind, record_id))}]


def render_timeline(principal: Any, kind: str, record_id: int, *,
                    errors: dict | None = None, values: dict | None = None) -> str:
    from plugins.activities.labels import (
        ACTIVITY_STATUS_LABELS,
        ACTIVITY_TYPE_LABELS,
        NOTE_KIND_LABELS,
        PRIORITY_LABELS,
        TASK_STATUS_LABELS,
    )
    from plugins.activities.links import record_path
    from plugins.activities.queries import reader_today, timeline
    from plugins.activities.storage import INLINE_TYPES, human_size
    from plugins.activities.workflow import TASK_TRANSITIONS, available

    return render_template(
        "activities/_timeline.html", kind=kind, record_id=record_id,
        entries=timeline(principal, kind, record_id), principal=principal,
        today=reader_today(), task_moves=lambda t: available(TASK_TRANSITIONS, t.status),
        type_labels=ACTIVITY_TYPE_LABELS, activity_status_labels=ACTIVITY_STATUS_LABELS,
        task_status_labels=TASK_STATUS_LABELS, priority_labels=PRIORITY_LABELS,
        note_labels=NOTE_KIND_LABELS, inline_types=INLINE_TYPES, errors=errors or {},
        values=values or {}, max_size=human_size(kontora().settings.upload_max_bytes),
        back=record_path(kind, record_id), box_id=f"timeline-{kind.replace('.', '-')}-{record_id}")


def next_step_badges(kind: str, record_ids: list[int]) -> list[dict[str, Any]]:
    """A "no next step" badge on each row with no open task (one query for the page)."""
    from plugins.activities.links import OWN_KINDS
    from plugins.activities.queries import without_next_step

    principal = current_principal()
    found = kontora().kinds.get(kind)
    if found is None or kind in OWN_KINDS or principal is None or \
            not principal.has("tasks.read"):
        return []
    flagged = without_next_step(kind, found.model, list(record_ids),
                                found.extra.get("settled", ()))
    return [{"record_id": rid, "key": "no-next-step", "label": _("No next step"),
             "title": _("No open task on this record"), "tone": "warning"}
            for rid in record_ids if rid in flagged]
