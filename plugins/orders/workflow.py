"""The order workflow as data: statuses, the allowed moves between them, and who may move.

Built-in statuses follow the main path ``draft -> sent -> confirmed -> in_progress ->
delivered``; ``cancelled`` ends any open order. Each transition names the statuses it
leaves, the one it reaches and its own permission; the services have one function per
transition and refuse every other move with a 409.

Admins add statuses between two statuses of the main path (:class:`OrderStatus`): an order
in ``after`` may *enter* the added status (transition ``to_<code>``, permission
``orders.advance``), and from there the built-in transition reaching ``before`` applies, as
does cancelling. :func:`current_workflow` merges the table into the built-in one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from core.db import session
from core.i18n import lazy_gettext as _l

MAIN_PATH = ("draft", "sent", "confirmed", "in_progress", "delivered")
STATUS_LABELS: dict[str, Any] = {
    "draft": _l("Draft"),
    "sent": _l("Sent for confirmation"),
    "confirmed": _l("Confirmed"),
    "in_progress": _l("In progress"),
    "delivered": _l("Delivered"),
    "cancelled": _l("Cancelled"),
}
BUILT_IN = tuple(STATUS_LABELS)
OPEN = ("draft", "sent", "confirmed", "in_progress")
EDITABLE = ("draft",)
"""Lines, client and currency change only while the order is a draft."""
ADVANCE = "orders.advance"
"""The permission for moving into a status an admin added."""


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    permission: str
    label: Any
    style: str = "outline-primary"


TRANSITIONS: dict[str, Transition] = {t.name: t for t in (
    Transition("send", frozenset({"draft"}), "sent", "orders.send",
               _l("Send for confirmation"), "primary"),
    Transition("revise", frozenset({"sent"}), "draft", "orders.revise", _l("Back to draft"),
               "outline-secondary"),
    Transition("confirm", frozenset({"draft", "sent"}), "confirmed", "orders.confirm",
               _l("Confirm"), "success"),
    Transition("start", frozenset({"confirmed"}), "in_progress", "orders.start",
               _l("Start work")),
    Transition("deliver", frozenset({"in_progress"}), "delivered", "orders.deliver",
               _l("Mark delivered"), "success"),
    Transition("cancel", frozenset(OPEN), "cancelled", "orders.cancel", _l("Cancel order"),
               "outline-danger"),
)}


@dataclass(frozen=True)
class Workflow:
    """The statuses (in path order) and transitions of this installation."""

    labels: dict[str, Any]
    transitions: dict[str, Transition]

    def label(self, status: str) -> str:
        return str(self.labels.get(status, status))

    def available(self, status: str) -> list[Transition]:
        """The transitions that may leave ``status``, in declaration order."""
        return [t for t in self.transitions.values() if status in t.sources]

    def choices(self) -> list[tuple[str, str]]:
        return [(code, str(label)) for code, label in self.labels.items()]


def build_workflow(extras: list[Any]) -> Workflow:
    """Merge admin-added statuses (objects with ``code``, ``label``, ``after``, ``before``,
    ``mandatory``) into the built-in workflow."""
    transitions = dict(TRANSITIONS)
    ordered: list[str] = []
    extra_labels = {e.code: e.label for e in extras}
    for status in BUILT_IN:
        ordered.append(status)
        ordered.extend(e.code for e in extras if e.after == status)
    for extra in extras:
        transitions[f"to_{extra.code}"] = Transition(
            f"to_{extra.code}", frozenset({extra.after}), extra.code, ADVANCE,
            extra.label)
    for extra in extras:
        for name, t in list(transitions.items()):
            if name in TRANSITIONS and (t.target == extra.before or name == "cancel"):
                sources = set(t.sources) | {extra.code}
                if extra.mandatory and t.target == extra.before and name != "cancel":
                    sources.discard(extra.after)
                transitions[name] = replace(t, sources=frozenset(sources))
    labels = {code: STATUS_LABELS.get(code) or extra_labels[code] for code in ordered}
    return Workflow(labels, transitions)


def current_workflow() -> Workflow:
    """The workflow with this installation's added statuses (one small query)."""
    from sqlalchemy import select

    from plugins.orders.models import OrderStatus

    extras = list(session().scalars(select(OrderStatus).order_by(OrderStatus.position,
                                                                 OrderStatus.id)))
    return build_workflow(extras)
