"""The shipment workflow as data: statuses, the allowed moves, and who may make them.

``planned -> packed`` (packing: packages, weights, the number and the packing list)
``-> dispatched`` (waybill and CMR frozen, the client e-mailed) ``-> delivered``; a
dispatched or delivered shipment may come back (``returned``); a shipment not yet on its
way may be cancelled. The services have one function per transition.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.i18n import lazy_gettext as _l

STATUS_LABELS: dict[str, Any] = {
    "planned": _l("Planned"),
    "packed": _l("Packed"),
    "dispatched": _l("Dispatched"),
    "delivered": _l("Delivered"),
    "returned": _l("Returned"),
    "cancelled": _l("Cancelled"),
}
EDITABLE = ("planned", "packed")
"""Carrier, dates and address change until the goods leave."""
COUNTED = ("planned", "packed", "dispatched", "delivered")
"""Shipments whose quantities count against what is left of the order to ship."""


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    permission: str
    label: Any
    style: str = "outline-primary"


TRANSITIONS: dict[str, Transition] = {t.name: t for t in (
    Transition("pack", frozenset({"planned", "packed"}), "packed", "shipping.pack",
               _l("Pack"), "primary"),
    Transition("dispatch", frozenset({"packed"}), "dispatched", "shipping.dispatch",
               _l("Dispatch"), "primary"),
    Transition("deliver", frozenset({"dispatched"}), "delivered", "shipping.deliver",
               _l("Mark delivered"), "success"),
    Transition("return", frozenset({"dispatched", "delivered"}), "returned",
               "shipping.deliver", _l("Mark returned"), "outline-warning"),
    Transition("cancel", frozenset({"planned", "packed"}), "cancelled", "shipping.write",
               _l("Cancel shipment"), "outline-danger"),
)}


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def status_choices() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in STATUS_LABELS.items()]


def available(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources]
