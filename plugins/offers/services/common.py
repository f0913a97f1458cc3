"""What every ``offers`` service shares: loading within record rules, totals, the event log."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm.exc import StaleDataError

from core.db import session, utcnow
from core.documents.totals import totals_of
from core.services import load_record
from plugins.offers.exceptions import OfferReadOnly, StaleOffer
from plugins.offers.models import Offer, OfferEvent

KIND = "offers.offer"


def load_offer(principal: Any, offer_id: int, action: str = "read") -> Offer:
    """The offer if ``principal`` may ``action`` it (404 outside the read scope, 403 when
    readable but not writable)."""
    return load_record(principal, KIND, offer_id, action)


def check_version(offer: Offer, expected_version: int | None) -> None:
    if expected_version is not None and offer.version != expected_version:
        raise StaleOffer()


def writable(offer: Offer) -> None:
    """Refuse changes to accepted, cancelled or superseded revisions."""
    if offer.superseded or offer.status in ("accepted", "cancelled"):
        raise OfferReadOnly()


def recompute(offer: Offer) -> None:
    """Renumber the lines and keep the offer's stored totals equal to its lines'."""
    for position, line in enumerate(offer.lines, start=1):
        line.position = position
    totals = totals_of(offer.lines)
    offer.total_net, offer.total_vat, offer.total_gross = totals.net, totals.vat, totals.gross


def log_event(offer: Offer, event: str, *, actor_id: int | None = None,
              comment: str | None = None) -> OfferEvent:
    entry = OfferEvent(offer_id=offer.id, event=event, at=utcnow(), revision=offer.revision,
                       actor_id=actor_id, comment=comment)
    session().add(entry)
    return entry


def flush() -> None:
    try:
        session().flush()
    except StaleDataError:
        raise StaleOffer() from None
