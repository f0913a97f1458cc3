"""The "Offers" card of the home page: offers awaiting the client's answer."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import url_for
from sqlalchemy import case, func, select

from core.db import session, utcnow
from core.i18n import gettext as _
from core.kernel import kontora
from core.permissions import scope
from plugins.offers.models import Offer
from plugins.offers.workflow import OPEN_FOR_CLIENT

FOLLOW_UP_DAYS = 7
"""An offer whose validity ends within this many days is worth a call."""


def offers_card(principal: Any) -> list[dict[str, Any]]:
    """One aggregate query over the current revisions sent or opened: how many wait for
    the client, how many the client opened, how many lapse within ``FOLLOW_UP_DAYS``."""
    if not principal.has("offers.read"):
        return []
    today = utcnow().astimezone(ZoneInfo(kontora().settings.timezone)).date()
    soon = Offer.valid_until.between(today, today + timedelta(days=FOLLOW_UP_DAYS))
    viewed = func.coalesce(func.sum(case((Offer.status == "viewed", 1), else_=0)), 0)
    lapsing = func.coalesce(func.sum(case((soon, 1), else_=0)), 0)
    waiting, opened, ending = session().execute(scope(
        select(func.count(Offer.id), viewed, lapsing)
        .where(Offer.status.in_(OPEN_FOR_CLIENT), Offer.superseded.is_(False)),
        Offer, principal)).one()
    return [{"key": "offers.waiting", "title": _("Offers awaiting an answer"), "order": 30,
             "icon": "file-earmark-text", "figures": [
                 {"label": _("Sent or opened"), "value": waiting,
                  "url": url_for("offers.offer_list", status="sent")},
                 {"label": _("Opened by the client"), "value": opened,
                  "url": url_for("offers.offer_list", status="viewed")},
                 {"label": _("Validity ends within a week"), "value": ending,
                  "tone": "warning"}]}]
