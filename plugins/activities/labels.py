"""Translated names of the stored codes (types, statuses, priorities), for pages and mails."""

from __future__ import annotations

from core.i18n import lazy_gettext as _l

ACTIVITY_TYPE_LABELS = {"call": _l("Call"), "email": _l("E-mail"), "meeting": _l("Meeting"),
                        "other": _l("Other")}
ACTIVITY_STATUS_LABELS = {"scheduled": _l("Scheduled"), "done": _l("Held"),
                          "cancelled": _l("Cancelled")}
TASK_STATUS_LABELS = {"open": _l("Open"), "in_progress": _l("In progress"), "done": _l("Done"),
                      "cancelled": _l("Cancelled")}
PRIORITY_LABELS = {"low": _l("Low"), "normal": _l("Normal"), "high": _l("High"),
                   "urgent": _l("Urgent")}
NOTE_KIND_LABELS = {"note": _l("Note"), "comment": _l("Comment")}


def label(labels: dict, code: str | None) -> str:
    """The translated name of ``code`` (the code itself when unknown)."""
    return str(labels[code]) if code in labels else (code or "")


def choices(labels: dict) -> list[tuple[str, str]]:
    """``(code, name)`` pairs for a select, translated now."""
    return [(code, str(text)) for code, text in labels.items()]
