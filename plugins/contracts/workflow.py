"""The contract workflow as data: statuses, the allowed moves, and who may make them.

``draft -> sent`` (issued: numbered, PDF frozen, signing link e-mailed) ``-> signed`` (by
the client through the link) ``-> active`` (staff, or the daily job once the start date
came) ``-> expired`` (the daily job after the end date). ``terminated`` ends a sent, signed
or active contract early. The services have one function per transition.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.i18n import lazy_gettext as _l

STATUS_LABELS: dict[str, Any] = {
    "draft": _l("Draft"),
    "sent": _l("Sent for signature"),
    "signed": _l("Signed"),
    "active": _l("Active"),
    "expired": _l("Expired"),
    "terminated": _l("Terminated"),
}
EDITABLE = ("draft",)
RUNNING = ("signed", "active")
"""Contracts the expiry job watches."""
PROTOCOL_LABELS: dict[str, Any] = {
    "draft": _l("Draft"),
    "sent": _l("Sent for signature"),
    "signed": _l("Signed"),
}


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    permission: str
    label: Any
    style: str = "outline-primary"


TRANSITIONS: dict[str, Transition] = {t.name: t for t in (
    Transition("send", frozenset({"draft"}), "sent", "contracts.send",
               _l("Send for signature"), "primary"),
    Transition("revise", frozenset({"sent"}), "draft", "contracts.send", _l("Back to draft"),
               "outline-secondary"),
    Transition("activate", frozenset({"signed"}), "active", "contracts.manage",
               _l("Activate"), "success"),
    Transition("terminate", frozenset({"sent", "signed", "active"}), "terminated",
               "contracts.manage", _l("Terminate"), "outline-danger"),
)}


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def status_choices() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in STATUS_LABELS.items()]


def available(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources]
