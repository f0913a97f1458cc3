"""Demo products and services for ``kontora demo``, and services assigned to demo clients."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from plugins.catalog.models import ClientService, Product, ProductCategory
from plugins.parties.models import Client

CATEGORIES = ["Materials", "Equipment", "Services"]

PRODUCTS = [
    # code, name, kind, unit, price, currency, vat, category
    ("CEM-42", "Ciment Portland 42.5R, sac 40 kg", "product", "sac", "32.50", "RON", "19",
     "Materials"),
    ("BRK-25", "Cărămidă plină 25x12x6.5", "product", "buc", "1.8900", "RON", "19",
     "Materials"),
    ("MIX-180", "Betonieră 180 l", "product", "buc", "1450.00", "RON", "19", "Equipment"),
    ("SRV-MNT", "Abonament mentenanță lunar", "service", "lună", "450.00", "RON", "19",
     "Services"),
    ("SRV-CONS", "Consultanță tehnică", "service", "oră", "220.00", "RON", "19", "Services"),
    ("SRV-TRN", "Транспорт (Sofia area delivery)", "service", "курс", "95.00", "BGN", "20",
     "Services"),
    ("SRV-SUP", "Technical support, per hour", "service", "h", "65.00", "EUR", "0",
     "Services"),
]

ASSIGNED = [("Carpați Construct SRL", "SRV-MNT", "400.00"),
            ("Carpați Construct SRL", "SRV-CONS", None),
            ("Балкан Трейд ЕООД", "SRV-TRN", None)]


def add_demo_catalog(session: Session) -> None:
    """Add demo products once (found again by code) and assign services to demo clients."""
    categories = {c.name: c for c in session.scalars(select(ProductCategory))}
    for name in CATEGORIES:
        categories.setdefault(name, ProductCategory(name=name))
    existing = {p.code: p for p in session.scalars(select(Product))}
    for code, name, kind, unit, price, currency, vat, category in PRODUCTS:
        if code not in existing:
            existing[code] = Product(code=code, name=name, kind=kind, unit=unit,
                                     price=Decimal(price), currency=currency,
                                     vat_rate=Decimal(vat), categories=[categories[category]])
            session.add(existing[code])
    session.flush()
    clients = {c.name: c for c in session.scalars(
        select(Client).where(Client.name.in_([a[0] for a in ASSIGNED])))}
    have = {(s.client_id, s.product_id) for s in session.scalars(select(ClientService))}
    for client_name, code, price in ASSIGNED:
        client = clients.get(client_name)
        if client is None or (client.id, existing[code].id) in have:
            continue
        session.add(ClientService(client_id=client.id, product_id=existing[code].id,
                                  price=Decimal(price) if price else None))
    session.flush()
