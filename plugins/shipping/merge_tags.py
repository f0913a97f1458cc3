"""Merge tags of the shipping papers: plain values a sandboxed template may show.

The waybill, packing list and CMR read the same tags: the shipment with its lines and
packages, the order it serves, the client (with its registered address and tax ids) and
the carrier. ``company.name`` and ``company.details`` come from the kernel.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from core.db import session
from core.i18n import lazy_gettext as _l
from plugins.orders.models import Order
from plugins.shipping.workflow import status_label


def _lines(shipment: Any) -> list[dict[str, Any]]:
    return [{"number": n, "description": line.description, "quantity": line.quantity,
             "unit": line.unit or "", "net_weight": line.net_weight,
             "package": line.package or ""}
            for n, line in enumerate(shipment.lines, start=1)]


def _packages(shipment: Any) -> list[dict[str, Any]]:
    return [{"number": p.position, "packaging": p.packaging, "count": p.count,
             "gross_weight": p.gross_weight, "length": p.length, "width": p.width,
             "height": p.height, "marks": p.marks or "",
             "dimensions": " x ".join(f"{d:f}" for d in (p.length, p.width, p.height))
             if p.length and p.width and p.height else "",
             "volume": p.volume.quantize(Decimal("0.001"))}
            for p in shipment.packages]


def _carrier(shipment: Any) -> dict[str, Any]:
    carrier = shipment.carrier
    if shipment.method == "own" or carrier is None:
        return {"name": "", "address": "", "phone": "", "own": True,
                "vehicle": shipment.vehicle or "", "driver": shipment.driver or ""}
    return {"name": carrier.name, "address": carrier.address or "",
            "phone": carrier.phone or "", "own": False, "vehicle": shipment.vehicle or "",
            "driver": shipment.driver or ""}


def _client(shipment: Any) -> dict[str, Any]:
    client = shipment.party
    registered = client.default_address("registered")
    text = ""
    if registered is not None:
        text = ", ".join(p for p in (registered.street, " ".join(
            p for p in (registered.postal_code, registered.city) if p), registered.region,
            registered.country) if p)
    return {"name": client.name, "tax_id": client.tax_id or "",
            "vat_number": client.vat_number or "", "country": client.country or "",
            "email": client.email or "", "phone": client.phone or "", "address": text}


def _order(shipment: Any) -> dict[str, Any]:
    order = session().get(Order, shipment.order_id)
    return {"number": order.number or "", "title": order.title,
            "reference": order.reference or ""}


TAGS: list[tuple[str, Any, Any]] = [
    ("shipment.title", _l("Number, or “Shipment #id” before packing"), lambda s: s.title),
    ("shipment.number", _l("Shipment number"), lambda s: s.number or ""),
    ("shipment.status", _l("Status"), lambda s: status_label(s.status)),
    ("shipment.origin", _l("Where the goods leave from"), lambda s: s.origin),
    ("shipment.delivery_address", _l("Delivery address"), lambda s: s.delivery_address),
    ("shipment.delivery_country", _l("Delivery country"), lambda s: s.delivery_country or ""),
    ("shipment.planned_dispatch", _l("Planned dispatch"), lambda s: s.planned_dispatch),
    ("shipment.planned_delivery", _l("Planned delivery"), lambda s: s.planned_delivery),
    ("shipment.dispatched_on", _l("Dispatched on"), lambda s: s.dispatched_on),
    ("shipment.delivered_on", _l("Delivered on"), lambda s: s.delivered_on),
    ("shipment.tracking_number", _l("Tracking number"), lambda s: s.tracking_number or ""),
    ("shipment.tracking_link", _l("Tracking link"), lambda s: s.tracking_link or ""),
    ("shipment.service", _l("Carrier's service"), lambda s: s.carrier_service or ""),
    ("shipment.instructions", _l("Sender's instructions"), lambda s: s.instructions or ""),
    ("shipment.lines", _l("Goods: number, description, quantity, unit, net_weight, package"),
     _lines),
    ("shipment.packages", _l("Packages: number, packaging, count, gross_weight, length, "
                             "width, height, dimensions, volume, marks"), _packages),
    ("shipment.package_count", _l("Number of packages"), lambda s: s.package_count),
    ("shipment.gross_weight", _l("Gross weight, kg"), lambda s: s.gross_weight),
    ("shipment.net_weight", _l("Net weight, kg"), lambda s: s.net_weight),
    ("shipment.volume", _l("Volume, m³"), lambda s: s.volume),
    ("carrier", _l("The carrier: name, address, phone, own, vehicle, driver"), _carrier),
    ("order", _l("The order: number, title, reference"), _order),
    ("client", _l("The client (consignee): name, tax_id, vat_number, country, email, phone, "
                  "address"), _client),
]


def merge_tags(kind: str) -> list[dict[str, Any]]:
    if kind != "shipping.shipment":
        return []
    return [{"tag": t, "label": label, "value": value} for t, label, value in TAGS]
