"""What was offered in a period (``kontora_offered_services``), for the sales reports.

Counts the service lines of offers sent between two dates (in ``KONTORA_TIMEZONE``), each
offer once: a revised offer counts with its newest sent revision. One query.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import aliased

from core.db import session
from core.documents.totals import money
from core.kernel import kontora
from plugins.offers.models import Offer, OfferLine


def offered_services(date_from: date, date_to: date,
                     owner_id: int | None = None) -> list[dict[str, Any]]:
    zone = ZoneInfo(kontora().settings.timezone)
    start = datetime.combine(date_from, time.min, zone)
    end = datetime.combine(date_to + timedelta(days=1), time.min, zone)
    newer = aliased(Offer)
    stmt = (select(OfferLine.product_id, Offer.currency, func.min(OfferLine.description),
                   func.sum(OfferLine.quantity), func.sum(OfferLine.net),
                   func.count(func.distinct(Offer.family_id)))
            .join(Offer, OfferLine.offer_id == Offer.id)
            .where(OfferLine.is_service.is_(True), Offer.sent_at >= start, Offer.sent_at < end,
                   ~exists().where(and_(newer.family_id == Offer.family_id,
                                        newer.revision > Offer.revision,
                                        newer.sent_at.is_not(None))))
            .group_by(OfferLine.product_id, Offer.currency)
            .order_by(OfferLine.product_id, Offer.currency))
    if owner_id is not None:
        stmt = stmt.where(Offer.owner_id == owner_id)

    return [{"product_id": product_id, "description": description,
             "quantity": quantity, "net": money(net), "currency": currency,
             "documents": documents}
            for product_id, currency, description, quantity, net, documents
            in session().execute(stmt)]
