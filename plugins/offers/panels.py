"""The "Offers" section of the client page (``kontora_profile_sections``), one query."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import render_template
from sqlalchemy import select

from core.db import session
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.permissions import scope


def profile_sections(party_id: int) -> list[dict[str, Any]]:
    principal = current_principal()
    if principal is None or not principal.has("offers.read"):
        return []
    return [{"key": "offers.offers", "title": _l("Offers"), "order": 40,
             "render": partial(_offers, principal, party_id)}]


def _offers(principal: Any, party_id: int) -> str:
    from plugins.offers.models import Offer
    from plugins.offers.workflow import STATUS_LABELS, STATUS_TONES

    offers = session().scalars(scope(
        select(Offer).where(Offer.party_id == party_id, Offer.superseded.is_(False))
        .order_by(Offer.created_at.desc(), Offer.id.desc()).limit(20), Offer, principal)).all()
    return render_template("offers/_client_section.html", offers=offers, party_id=party_id,
                           labels=STATUS_LABELS, tones=STATUS_TONES)
