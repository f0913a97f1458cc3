"""Each user's arrangement of the client page: section order, hidden and collapsed ones."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import session
from core.i18n import gettext as _
from core.kernel import kontora
from core.permissions import require
from plugins.parties.exceptions import InvalidClientData
from plugins.parties.models import ProfileSection

ACTIONS = ("up", "down", "hide", "show", "collapse", "expand")


def client_sections(client_id: int) -> list[dict[str, Any]]:
    """Every enabled plugin's sections of one client's page (``kontora_profile_sections``)."""
    return kontora().collect("kontora_profile_sections", party_id=client_id)


def arranged(principal: Any, sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``sections`` (from ``kontora_profile_sections``) in the user's order, each with
    ``hidden`` and ``collapsed``; sections the user never arranged follow in their own order."""
    prefs = _prefs(principal)
    out = []
    for default_rank, section in enumerate(sorted(sections, key=lambda s: s.get("order", 100))):
        pref = prefs.get(section["key"])
        rank = pref.position if pref is not None else 100000 + default_rank
        out.append({**section, "rank": rank,
                    "hidden": bool(pref and pref.hidden),
                    "collapsed": bool(pref and pref.collapsed)})
    return sorted(out, key=lambda s: s["rank"])


def arrange_section(principal: Any, sections: list[dict[str, Any]], key: str,
                    action: str) -> None:
    """Move ``key`` up or down, hide or show it, collapse or expand it, for this user only."""
    require(principal, "parties.read")
    order = [s["key"] for s in arranged(principal, sections)]
    if key not in order:
        raise InvalidClientData({"key": [_("No such section.")]})
    if action not in ACTIONS:
        raise InvalidClientData({"action": [_("Choose one of: %(choices)s.",
                                              choices=", ".join(ACTIONS))]})
    i = order.index(key)
    if action in ("up", "down"):
        j = i - 1 if action == "up" else i + 1
        if 0 <= j < len(order):
            order[i], order[j] = order[j], order[i]
    prefs = _prefs(principal)
    for position, name in enumerate(order):
        pref = prefs.get(name)
        if pref is None:
            pref = ProfileSection(user_id=principal.user_id, section_key=name,
                                  hidden=False, collapsed=False)
            session().add(pref)
        pref.position = position
        if name == key and action in ("hide", "show"):
            pref.hidden = action == "hide"
        if name == key and action in ("collapse", "expand"):
            pref.collapsed = action == "collapse"
    session().flush()


def _prefs(principal: Any) -> dict[str, ProfileSection]:
    if principal is None or principal.user_id is None:
        return {}
    return {p.section_key: p for p in session().scalars(
        select(ProfileSection).where(ProfileSection.user_id == principal.user_id))}
