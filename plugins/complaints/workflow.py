"""The complaint workflow as data: statuses, the allowed moves and who may make them.

``received -> under_review`` (someone looks into it) ``-> accepted | rejected`` (the
decision) ``-> resolved`` (the remedy given, or the rejection explained and closed). The
services have one function per transition; resolving records the resolution and the
moment, which ends the resolution time the report measures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.i18n import lazy_gettext as _l

STATUS_LABELS: dict[str, Any] = {
    "received": _l("Received"),
    "under_review": _l("Under review"),
    "accepted": _l("Accepted"),
    "rejected": _l("Rejected"),
    "resolved": _l("Resolved"),
}
OPEN = ("received", "under_review", "accepted", "rejected")
"""Complaints still being handled: they may be changed, and they are late past the deadline."""

CAUSES: dict[str, Any] = {
    "defective": _l("Defective goods"),
    "damaged": _l("Damaged in transport"),
    "wrong_item": _l("Wrong item"),
    "missing": _l("Missing quantity"),
    "late": _l("Late delivery"),
    "invoice": _l("Invoicing error"),
    "other": _l("Other"),
}
REMEDIES: dict[str, Any] = {
    "replacement": _l("Replacement"),
    "repair": _l("Repair"),
    "refund": _l("Refund"),
    "discount": _l("Price reduction"),
    "credit_note": _l("Credit note"),
    "other": _l("Other"),
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
    Transition("review", frozenset({"received"}), "under_review", "complaints.write",
               _l("Start review"), "primary"),
    Transition("accept", frozenset({"under_review", "rejected"}), "accepted",
               "complaints.decide", _l("Accept"), "success"),
    Transition("reject", frozenset({"under_review", "accepted"}), "rejected",
               "complaints.decide", _l("Reject"), "outline-danger"),
    Transition("resolve", frozenset({"accepted", "rejected"}), "resolved",
               "complaints.decide", _l("Resolve"), "primary"),
)}


def label(table: dict[str, Any], code: str | None) -> str:
    return str(table.get(code or "", code or ""))


def status_label(status: str) -> str:
    return label(STATUS_LABELS, status)


def choices(table: dict[str, Any]) -> list[tuple[str, str]]:
    return [(code, str(text)) for code, text in table.items()]


def available(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources]
