"""The record kinds ``offers`` owns, with what lists may filter, search and sort by."""

from __future__ import annotations

from sqlalchemy.orm import selectinload

from core.i18n import lazy_gettext as _l
from core.kinds import RecordKind
from plugins.offers.models import Offer, OfferText
from plugins.offers.schemas import OfferSchema, OfferTextSchema


def record_kinds() -> list[RecordKind]:
    return [RecordKind(
        kind="offers.offer", model=Offer, label=_l("Offer"), label_plural=_l("Offers"),
        permission_prefix="offers", endpoint="offers.offer_detail", schema=OfferSchema,
        title_attr="display_title",
        load_options=(selectinload(Offer.lines), selectinload(Offer.party)),
        extra={"filters": ["status", "format", "party_id", "lead_id", "owner_id", "number",
                           "currency", "superseded", "valid_until", "total_gross",
                           "created_at", "family_id"],
               "sort": ["created_at", "total_gross", "valid_until", "number", "status"],
               "default_sort": "-created_at",
               "settled": ("accepted", "declined", "expired", "cancelled")},
    ), RecordKind(
        kind="offers.text", model=OfferText, label=_l("Offer text"),
        label_plural=_l("Offer texts"), permission_prefix="offers", endpoint=None,
        schema=OfferTextSchema, title_attr="name",
        extra={"filters": ["active", "is_default", "name"], "search": ["name"],
               "sort": ["name", "id"], "default_sort": "name"},
    )]
