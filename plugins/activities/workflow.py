"""Status workflows as data: the allowed moves of tasks and scheduled activities.

Each transition names the statuses it leaves, the one it reaches and the permission it
needs; the services have one function per transition and refuse any other move (409).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.i18n import lazy_gettext as _l


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    permission: str
    label: str


TASK_TRANSITIONS: dict[str, Transition] = {t.name: t for t in (
    Transition("start", frozenset({"open"}), "in_progress", "tasks.write", _l("Start")),
    Transition("complete", frozenset({"open", "in_progress"}), "done", "tasks.write",
               _l("Mark done")),
    Transition("cancel", frozenset({"open", "in_progress"}), "cancelled", "tasks.write",
               _l("Cancel task")),
    Transition("reopen", frozenset({"in_progress", "done", "cancelled"}), "open", "tasks.write",
               _l("Reopen")),
)}

ACTIVITY_TRANSITIONS: dict[str, Transition] = {t.name: t for t in (
    Transition("complete", frozenset({"scheduled"}), "done", "activities.write",
               _l("Mark held")),
    Transition("cancel", frozenset({"scheduled"}), "cancelled", "activities.write",
               _l("Cancel activity")),
)}


def available(transitions: dict[str, Transition], status: str) -> list[Transition]:
    """The transitions that may leave ``status``, in declaration order."""
    return [t for t in transitions.values() if status in t.sources]
