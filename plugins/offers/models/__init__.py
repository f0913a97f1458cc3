"""Models of the ``offers`` plugin."""

from plugins.offers.models.event import OfferEvent
from plugins.offers.models.line import OfferLine
from plugins.offers.models.offer import OFFER_FORMATS, OFFER_STATUSES, Offer
from plugins.offers.models.text import OfferText

__all__ = ["OFFER_FORMATS", "OFFER_STATUSES", "Offer", "OfferEvent", "OfferLine", "OfferText"]
