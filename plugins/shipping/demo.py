"""Demo shipping for ``kontora demo``: two carriers and a planned shipment of the
confirmed demo order."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from plugins.orders.models import Order
from plugins.shipping.models import Carrier, Shipment, ShipmentLine

CARRIERS = [
    ("Cargus", "Standard\nExpress\nPalet", "https://www.cargus.ro/tracking/?t={tracking}"),
    ("Econt", "Standard\nExpress", "https://www.econt.com/services/track-shipment/{tracking}"),
]


def add_demo_shipments(session: Session) -> None:
    """Add the carriers and one planned shipment once."""
    if session.scalar(select(Carrier.id).limit(1)) is not None:
        return
    carriers = [Carrier(name=name, services=services, tracking_url=url)
                for name, services, url in CARRIERS]
    session.add_all(carriers)
    session.flush()
    order = session.scalar(select(Order).where(Order.status == "confirmed").limit(1))
    if order is None:
        return
    delivery = order.party.default_address("delivery") or \
        order.party.default_address("registered")
    shipment = Shipment(order_id=order.id, party_id=order.party_id, status="planned",
                        method="carrier", carrier_id=carriers[1].id,
                        carrier_service="Standard", owner_id=order.owner_id,
                        delivery_address_id=delivery.id if delivery is not None and
                        delivery.use == "delivery" else None,
                        delivery_address=delivery.street if delivery is not None else "",
                        delivery_country=order.party.country)
    shipment.lines = [ShipmentLine(order_line_id=line.id, product_id=line.product_id,
                                   position=n, description=line.description,
                                   quantity=line.quantity, unit=line.unit)
                      for n, line in enumerate(order.lines)]
    session.add(shipment)
    session.flush()
