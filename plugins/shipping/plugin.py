"""Manifest, contents and behaviour hooks of the ``shipping`` plugin.

``shipping`` depends on ``orders``: a shipment carries an order's lines, and when the last
of them is delivered it moves the order through the orders plugin's public services
(``orders`` has no receiver of shipping's signals and cannot have one: it does not know
this plugin). The client page and the order page get their shipments through hooks, and
the client portal a "Shipments" section.
"""

from __future__ import annotations

from typing import Any

from core import Contents, Manifest, hookimpl
from core.i18n import lazy_gettext as _l
from plugins.shipping.merge_tags import merge_tags as shipping_merge_tags
from plugins.shipping.panels import order_panels, profile_sections
from plugins.shipping.portal_views import portal_sections
from plugins.shipping.services.portal import order_documents

manifest = Manifest(
    name="shipping",
    title="Shipping",
    version="1.0",
    depends=["parties", "catalog", "activities", "orders"],
    description="Shipments of orders by carrier or own transport, packing into packages "
    "with weights and dimensions, packing list, waybill and CMR as PDFs, the client "
    "e-mailed the tracking link on dispatch, the order delivered when its goods arrive.",
)

contents = Contents(
    models=["plugins.shipping.models"],
    record_kinds=["plugins.shipping.kinds:record_kinds"],
    document_kinds=["plugins.shipping.kinds:document_kinds"],
    signals=["plugins.shipping.signals:SIGNALS"],
    permissions=[
        ("shipping.read", _l("See shipments and carriers")),
        ("shipping.write", _l("Plan, change and cancel shipments")),
        ("shipping.pack", _l("Pack shipments")),
        ("shipping.dispatch", _l("Dispatch shipments")),
        ("shipping.deliver", _l("Mark shipments delivered or returned")),
        ("shipping.configure", _l("Keep the carrier register")),
    ],
    roles={
        "sales_manager": ["shipping.*"],
        "salesperson": ["shipping.read", "shipping.write"],
        "accountant": ["shipping.read"],
        "logistics": ["shipping.*"],
    },
    blueprints=["plugins.shipping.views:bp", "plugins.shipping.portal_views:bp"],
    api_blueprints=["plugins.shipping.api:bp"],
    menu=[
        {"label": _l("Shipments"), "endpoint": "shipping.shipment_list", "group": _l("Sales"),
         "order": 40, "permission": "shipping.read", "icon": "truck"},
        {"label": _l("Carriers"), "endpoint": "shipping.carriers",
         "group": _l("Administration"), "order": 940, "permission": "shipping.read",
         "icon": "signpost-split"},
    ],
    number_series=[{"code": "shipping", "kind": "shipping.shipment", "label": _l("Shipments"),
                    "pattern": "EXP-{year}-{seq:05d}", "yearly_reset": True}],
    demo_data=["plugins.shipping.demo:add_demo_shipments"],
)


@hookimpl
def kontora_merge_tags(kind: str) -> list[dict[str, Any]]:
    return shipping_merge_tags(kind)


@hookimpl
def kontora_profile_sections(party_id: int) -> list[dict[str, Any]]:
    return profile_sections(party_id)


@hookimpl
def kontora_record_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    return order_panels(kind, record_id)


@hookimpl
def kontora_portal_sections() -> list[dict[str, Any]]:
    return portal_sections()


@hookimpl
def kontora_portal_documents(kind: str, record_id: int, principal: Any) -> list[dict[str, Any]]:
    return order_documents(kind, record_id, principal)
