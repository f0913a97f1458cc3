"""Demo offers for ``kontora demo``: a draft, a sent one and an accepted one for demo clients.

Written straight into the session (demo data has no acting user); numbers come from the
offers series like real ones, so the demo shows how they look.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db import utcnow
from core.documents.totals import line_net, totals_of
from core.numbering import next_number
from plugins.offers.models import Offer, OfferLine, OfferText

OFFERS = [
    # client, title, status, language, [(product code, quantity, discount)]
    ("Carpați Construct SRL", "Materiale pentru șantierul Brașov", "draft", "ro",
     [("CEM-42", "120", "5"), ("BRK-25", "4000", "0"), ("SRV-CONS", "6", "0")]),
    ("Carpați Construct SRL", "Mentenanță anuală", "sent", "ro",
     [("SRV-MNT", "12", "10")]),
    ("Балкан Трейд ЕООД", "Доставка до обект", "accepted", "bg",
     [("SRV-TRN", "8", "0")]),
]


def add_demo_offers(session: Session) -> None:
    """Add the demo offers once (found again by title), taking turns at the offer texts so
    the demo shows both the default and another."""
    from plugins.catalog.models import Product
    from plugins.parties.models import Client

    have = set(session.scalars(select(Offer.title)))
    clients = {c.name: c for c in session.scalars(select(Client))}
    products = {p.code: p for p in session.scalars(select(Product))}
    texts = list(session.scalars(select(OfferText.id).where(OfferText.active.is_(True))
                                 .order_by(OfferText.is_default.desc(), OfferText.id)))
    for number, (client_name, title, status, language, lines) in enumerate(OFFERS):
        client = clients.get(client_name)
        if title in have or client is None or any(code not in products for code, *_ in lines):
            continue
        first = products[lines[0][0]]
        offer = Offer(title=title, format="table", status=status, party_id=client.id,
                      language=language, currency=first.currency, revision=1,
                      recipient_email=client.email, owner_id=client.owner_id,
                      valid_until=date.today() + timedelta(days=30),
                      text_id=texts[number % len(texts)] if texts else None,
                      terms="Plata în 15 zile de la facturare." if language == "ro" else None)
        for code, quantity, discount in lines:
            product = products[code]
            offer.lines.append(OfferLine(
                product_id=product.id, description=product.name, quantity=Decimal(quantity),
                unit=product.unit, unit_price=product.price, discount=Decimal(discount),
                vat_rate=product.vat_rate, is_service=product.kind == "service",
                net=line_net(Decimal(quantity), product.price, Decimal(discount))))
        for position, line in enumerate(offer.lines, start=1):
            line.position = position
        totals = totals_of(offer.lines)
        offer.total_net, offer.total_vat, offer.total_gross = totals.net, totals.vat, totals.gross
        session.add(offer)
        session.flush()
        offer.family_id = offer.id
        if status != "draft":
            _issue(offer)
    session.flush()


def _issue(offer: Offer) -> None:
    offer.number = next_number("offers", record_kind="offers.offer", record_id=offer.id)
    offer.sent_at = utcnow()
    if offer.status == "accepted":
        offer.first_viewed_at = offer.last_viewed_at = offer.decided_at = utcnow()
        offer.view_count = 1
