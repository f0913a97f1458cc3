"""Demo orders: made once on the demo clients and products, the confirmed one numbered."""

from __future__ import annotations

from sqlalchemy import select

from core.db import session
from plugins.catalog.demo import add_demo_catalog
from plugins.orders.demo import add_demo_orders
from plugins.orders.models import Order
from plugins.parties.demo import add_demo_clients


def test_demo_orders(unit):
    def run():
        add_demo_clients(session())
        add_demo_catalog(session())
        add_demo_orders(session())
        add_demo_orders(session())
        orders = list(session().scalars(select(Order).order_by(Order.id)))
        assert [o.status for o in orders] == ["draft", "sent", "confirmed"]
        assert orders[2].number.startswith("CMD-") and all(o.total_gross > 0 for o in orders)
    unit(run)
