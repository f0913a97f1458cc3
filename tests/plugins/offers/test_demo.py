"""Demo data: offers for the demo clients, numbered from the series when they went out."""

from __future__ import annotations

from sqlalchemy import select

from core.db import session
from core.kernel import kontora
from plugins.offers.models import Offer


def test_demo_offers_for_demo_clients(app):
    k = kontora(app)
    with app.app_context():
        for _round in range(2):                          # a second run adds nothing
            with k.db.unit() as s:
                k.call_in_order("kontora_demo_data", session=s)
        with k.db.unit():
            offers = session().scalars(select(Offer).order_by(Offer.id)).all()
            assert [o.status for o in offers] == ["draft", "sent", "accepted"]
            assert offers[0].number is None and offers[1].number.startswith("OF-")
            assert all(o.party_id and o.lines and o.total_gross > 0 for o in offers)
