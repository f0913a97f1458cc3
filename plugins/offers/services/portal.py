"""Services for the client portal: a client reads the offers sent to it and decides them.

The caller is a portal principal acting for a client (``record_kind`` ``parties.client``);
it holds no staff permission, so these check what permissions would: the offer is the
client's and was sent (the newest revision only). Anything else is 404, never a hint
about another client. Deciding goes through the same service as the e-mailed link.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import session
from core.identity.guards import portal_record_id
from core.services import act_as, validate
from plugins.offers.exceptions import OfferNotFound
from plugins.offers.models import Offer
from plugins.offers.schemas import DecisionSchema
from plugins.offers.services.decisions import accept_offer, decline_offer

CLIENT = "parties.client"


def client_id_of(principal: Any) -> int:
    """The client a portal principal acts for (403 for anyone else)."""
    return portal_record_id(principal, CLIENT)


def client_offers(principal: Any) -> list[Offer]:
    """The offers sent to the client (current revisions), newest first."""
    return list(session().scalars(
        select(Offer).where(Offer.party_id == client_id_of(principal),
                            Offer.sent_at.is_not(None), Offer.superseded.is_(False))
        .order_by(Offer.sent_at.desc(), Offer.id.desc())))


def client_offer(principal: Any, offer_id: int) -> Offer:
    """One offer sent to the client (404 for any other)."""
    client_id = client_id_of(principal)
    offer = session().get(Offer, offer_id)
    if offer is None or offer.party_id != client_id or offer.sent_at is None \
            or offer.superseded:
        raise OfferNotFound(offer_id)
    return offer


def decide_as_client(principal: Any, offer_id: int, data: Any) -> Offer:
    """The client accepts or declines one of its offers (``decision``, ``comment``)."""
    client_offer(principal, offer_id)
    values = validate(DecisionSchema(), data)
    act_as(principal)
    action = accept_offer if values["decision"] == "accept" else decline_offer
    return action(offer_id, values.get("comment"))
