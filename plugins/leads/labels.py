"""Translated names of the codes leads store (sources, statuses, client kinds, fields)."""

from __future__ import annotations

from typing import Any

from core.i18n import lazy_gettext as _l

SOURCE_LABELS = {
    "manual": _l("Entered by hand"), "email": _l("E-mail"), "web_form": _l("Web form"),
    "website_api": _l("Website API"), "portal": _l("Portal inquiry"), "phone": _l("Phone"),
    "visit": _l("Visit"),
}
STATUS_LABELS = {"open": _l("Open"), "won": _l("Won"), "lost": _l("Lost")}
CLIENT_KIND_LABELS = {"legal_entity": _l("Company"), "sole_trader": _l("Sole trader"),
                      "private_person": _l("Private person")}
FIELD_LABELS = {
    "person_name": _l("Name"), "company_name": _l("Company"), "email": _l("E-mail"),
    "phone": _l("Phone"), "country": _l("Country"), "budget": _l("Budget"),
    "description": _l("Message"),
}
QUESTION_TYPE_LABELS = {"text": _l("Text"), "number": _l("Number"), "choice": _l("Choice"),
                        "multi_choice": _l("Several choices"), "date": _l("Date"),
                        "yes_no": _l("Yes or no")}


def lead_field_label(name: str) -> Any:
    return FIELD_LABELS.get(name, name)


def choices(labels: dict[str, Any]) -> list[tuple[str, Any]]:
    return list(labels.items())
