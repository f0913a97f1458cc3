"""Demo orders for ``kontora demo``: a draft, one awaiting the client, one confirmed."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db import utcnow
from core.documents.totals import line_net, totals_of
from core.numbering import next_number
from plugins.catalog.models import Product
from plugins.orders.models import Order, OrderLine
from plugins.parties.models import Client

ORDERS = [
    # client, status, reference, [(product code, quantity, discount)]
    ("Carpați Construct SRL", "draft", None, [("CEM-42", "40", "0"), ("BRK-25", "2000", "5")]),
    ("Carpați Construct SRL", "sent", "Offer by phone, 12 May",
     [("MIX-180", "1", "0"), ("SRV-CONS", "4", "0")]),
    ("Балкан Трейд ЕООД", "confirmed", None, [("SRV-TRN", "3", "10")]),
]


def add_demo_orders(session: Session) -> None:
    """Add the demo orders once (found again by client and reference)."""

    if session.scalar(select(Order.id).limit(1)) is not None:
        return
    products = {p.code: p for p in session.scalars(select(Product))}
    clients = {c.name: c for c in session.scalars(
        select(Client).where(Client.name.in_([o[0] for o in ORDERS])))}
    for days, (client_name, status, reference, lines) in enumerate(ORDERS):
        client = clients.get(client_name)
        if client is None or any(code not in products for code, _q, _d in lines):
            continue
        first = products[lines[0][0]]
        order = Order(party_id=client.id, currency=first.currency, status=status,
                      reference=reference, owner_id=client.owner_id,
                      delivery_date=(utcnow() + timedelta(days=14 + 7 * days)).date())
        for position, (code, quantity, discount) in enumerate(lines):
            product = products[code]
            order.lines.append(OrderLine(
                position=position, product_id=product.id, description=product.name,
                quantity=Decimal(quantity), unit=product.unit, unit_price=product.price,
                discount=Decimal(discount), vat_rate=product.vat_rate,
                net=line_net(Decimal(quantity), product.price, Decimal(discount))))
        totals = totals_of(order.lines)
        order.total_net, order.total_vat, order.total_gross = totals.net, totals.vat, \
            totals.gross
        if status != "draft":
            order.sent_at = utcnow()
        session.add(order)
        session.flush()
        if status == "confirmed":
            order.confirmed_at = utcnow()
            order.number = next_number("orders", record_kind="orders.order",
                                       record_id=order.id)
    session.flush()
