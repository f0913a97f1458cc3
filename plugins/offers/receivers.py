"""Reactions to other plugins' signals, connected by name (``offers`` imports none of them).

``leads.lead-converted``: the offers made for a lead become the offers of the client the
lead turned into, so the client's page lists them and their merge tags name the client;
one of them accepted already (the lead becomes the client because its offer was accepted)
makes a prospect a customer, as accepting it would have done had it been the client's.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import session
from plugins.offers.models import Offer
from plugins.offers.services.decisions import customer_now


def on_lead_converted(sender: Any, **kwargs: Any) -> None:
    client_id = kwargs.get("client_id")
    if not isinstance(sender, int) or not isinstance(client_id, int):
        return
    offers = session().scalars(select(Offer).where(
        Offer.lead_id == sender, Offer.party_id.is_(None)).order_by(Offer.id)).all()
    for offer in offers:
        offer.party_id = client_id
    session().flush()
    accepted = next((offer for offer in offers if offer.status == "accepted"), None)
    if accepted is not None:
        principal_id = kwargs.get("principal_id")
        customer_now(accepted, principal_id if isinstance(principal_id, int) else None)
