"""Reactions to other plugins' signals, connected by name (``offers`` imports none of them).

``leads.lead-converted``: the offers made for a lead become the offers of the client the
lead turned into, so the client's page lists them and their merge tags name the client.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from core.db import session
from plugins.offers.models import Offer


def on_lead_converted(sender: Any, **kwargs: Any) -> None:
    client_id = kwargs.get("client_id")
    if not isinstance(sender, int) or not isinstance(client_id, int):
        return
    session().execute(update(Offer).where(Offer.lead_id == sender, Offer.party_id.is_(None))
                      .values(party_id=client_id))
