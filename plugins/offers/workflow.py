"""The offer workflow as data: statuses, the allowed moves and who may make them.

Each transition names the statuses it leaves, the one it reaches and the permission it
needs (``None``: the client acting through a link, or the system); the services have one
function per transition and refuse any other move with a 409.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.i18n import lazy_gettext as _l


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    permission: str | None
    label: object


TRANSITIONS: dict[str, Transition] = {t.name: t for t in (
    Transition("send", frozenset({"draft"}), "sent", "offers.send", _l("Send")),
    Transition("view", frozenset({"sent"}), "viewed", None, _l("Opened by the client")),
    Transition("accept", frozenset({"sent", "viewed"}), "accepted", None, _l("Accept")),
    Transition("decline", frozenset({"sent", "viewed"}), "declined", None, _l("Decline")),
    Transition("expire", frozenset({"sent", "viewed"}), "expired", None, _l("Expire")),
    Transition("cancel", frozenset({"draft", "sent", "viewed"}), "cancelled", "offers.write",
               _l("Cancel offer")),
)}

EDITABLE = frozenset({"draft"})
"""Statuses whose offer is changed in place."""
REVISABLE = frozenset({"sent", "viewed", "declined", "expired"})
"""Statuses whose offer, when edited, becomes a new revision (the old one stays as sent)."""
OPEN_FOR_CLIENT = frozenset({"sent", "viewed"})
"""Statuses in which the client may still accept or decline."""

STATUS_LABELS = {
    "draft": _l("Draft"), "sent": _l("Sent"), "viewed": _l("Viewed"),
    "accepted": _l("Accepted"), "declined": _l("Declined"), "expired": _l("Expired"),
    "cancelled": _l("Cancelled"),
}
STATUS_TONES = {"draft": "secondary", "sent": "primary", "viewed": "info",
                "accepted": "success", "declined": "danger", "expired": "warning",
                "cancelled": "dark"}
FORMAT_LABELS = {"table": _l("Table with lines (Template II)"),
                 "text": _l("Free text with merge tags (Template I)")}


def may_move(name: str, status: str) -> bool:
    return status in TRANSITIONS[name].sources


def status_choices() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in STATUS_LABELS.items()]
