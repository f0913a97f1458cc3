"""The services offered to leads and clients (``kontora_offered_services``), for reports.

Only offers that went out count, and only their current revision (a revised offer counts
once, with what it offers now). One query.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select

from core.db import session
from plugins.offers.models import Offer, OfferLine


def offered_services(lead_ids: list[int] | None = None,
                     party_ids: list[int] | None = None) -> list[dict[str, Any]]:
    stmt = (select(Offer.id, Offer.lead_id, Offer.party_id, Offer.sent_at, Offer.status,
                   Offer.currency, OfferLine.product_id, OfferLine.quantity, OfferLine.net)
            .join(OfferLine, OfferLine.offer_id == Offer.id)
            .where(OfferLine.is_service.is_(True), OfferLine.product_id.is_not(None),
                   Offer.sent_at.is_not(None), Offer.superseded.is_(False))
            .order_by(Offer.id, OfferLine.position))
    if lead_ids is not None or party_ids is not None:
        conditions = []
        if lead_ids is not None:
            conditions.append(Offer.lead_id.in_(lead_ids))
        if party_ids is not None:
            conditions.append(Offer.party_id.in_(party_ids))
        stmt = stmt.where(or_(*conditions))
    return [{"product_id": row.product_id, "lead_id": row.lead_id, "party_id": row.party_id,
             "record_kind": "offers.offer", "record_id": row.id, "offered_at": row.sent_at,
             "status": row.status, "quantity": row.quantity, "net": row.net,
             "currency": row.currency} for row in session().execute(stmt)]
