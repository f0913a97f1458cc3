"""How each stored choice of a client reads in the user's language.

The model keeps the codes (``legal_entity``); lists, the client page and the form show
these labels, so a code never reaches the screen untranslated.
"""

from __future__ import annotations

from core.i18n import lazy_gettext as _l
from core.i18n import pgettext

CHOICE_LABELS = {
    "kind": {"legal_entity": _l("Legal entity"), "sole_trader": _l("Sole trader"),
             "private_person": _l("Private person")},
    "status": {"prospect": _l("Prospect"), "customer": _l("Customer")},
    "relationship_type": {"customer": _l("Customer"), "supplier": _l("Supplier"),
                          "partner": _l("Partner"), "competitor": _l("Competitor")},
    "loyalty": {"occasional": _l("Occasional"), "regular": _l("Regular"), "loyal": _l("Loyal")},
    "size": {"micro": _l("Micro"), "small": _l("Small"), "medium": _l("Medium"),
             "large": _l("Large")},
}
FIELD_TITLES = {"kind": _l("Kind"), "status": _l("Status"),
                "relationship_type": _l("Relationship")}


def choice_label(field: str, value: str | None) -> str:
    """The label of ``value`` of choice ``field``; an unknown code is shown as it is."""
    if not value:
        return ""
    if field == "loyalty" and value == "new":
        return pgettext("loyalty", "New")  # not the "New" of a button
    return str(CHOICE_LABELS.get(field, {}).get(value, value))


def choices(field: str) -> list[tuple[str, str]]:
    """``(code, label)`` pairs of one choice field, in the model's order."""
    from plugins.parties.models.client import LOYALTY_LEVELS

    codes = LOYALTY_LEVELS if field == "loyalty" else list(CHOICE_LABELS[field])
    return [(code, choice_label(field, code)) for code in codes]
