"""The record and document kinds ``shipping`` owns.

One record kind, the shipment, has three papers: the waybill (delivery note, the kind's
default template), the packing list and the CMR consignment note, each a named template
admins edit under /admin/documents and each frozen under its own purpose on dispatch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.i18n import lazy_gettext as _l
from core.kinds import RecordKind
from plugins.shipping.models import Carrier, Shipment
from plugins.shipping.schemas import CarrierSchema, ShipmentSchema

DOCUMENTS = Path(__file__).parent / "documents"


def record_kinds() -> list[RecordKind]:
    return [
        RecordKind(
            kind="shipping.shipment", model=Shipment, label=_l("Shipment"),
            label_plural=_l("Shipments"), permission_prefix="shipping",
            endpoint="shipping.shipment_detail", schema=ShipmentSchema, title_attr="title",
            extra={"filters": ["status", "order_id", "party_id", "carrier_id", "method",
                               "owner_id", "number", "planned_dispatch", "dispatched_on",
                               "delivered_on", "created_at"],
                   "sort": ["created_at", "planned_dispatch", "dispatched_on", "number", "id"],
                   "default_sort": "-created_at"}),
        RecordKind(
            kind="shipping.carrier", model=Carrier, label=_l("Carrier"),
            label_plural=_l("Carriers"), permission_prefix="shipping",
            endpoint=None, schema=CarrierSchema, title_attr="name",
            extra={"filters": ["active", "name"], "search": ["name", "services"],
                   "sort": ["name", "id"], "default_sort": "name"}),
    ]


def document_kinds() -> list[dict[str, Any]]:
    return [
        {"kind": "shipping.shipment", "label": _l("Waybill"), "templates_dir": str(DOCUMENTS),
         "file": "waybill"},
        {"kind": "shipping.shipment", "label": _l("Packing list"),
         "templates_dir": str(DOCUMENTS), "name": "packing-list", "file": "packing-list"},
        {"kind": "shipping.shipment", "label": _l("CMR consignment note"),
         "templates_dir": str(DOCUMENTS), "name": "cmr", "file": "cmr"},
    ]
