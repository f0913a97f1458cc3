"""Manifest, contents and behaviour hooks of the ``orders`` plugin.

``orders`` never imports ``offers``: it declares the conversion offer -> order, reads
offers through the document-content protocol and listens for ``offers.offer-accepted`` by
name, so either plugin runs without the other.
"""

from __future__ import annotations

from typing import Any

from core import Contents, Manifest, hookimpl
from core.i18n import lazy_gettext as _l
from core.web.generic.sections import records_section
from plugins.orders.content import order_content
from plugins.orders.merge import move_client_orders
from plugins.orders.merge_tags import merge_tags
from plugins.orders.panels import thread_panels
from plugins.orders.portal_views import portal_sections

manifest = Manifest(
    name="orders",
    title="Orders",
    version="1.0",
    depends=["parties", "catalog", "activities"],
    description="Client orders with lines and totals per VAT rate, confirmed by the client "
    "through an e-mailed link, moved through a workflow admins can extend; made by hand, "
    "from an offer, or when an offer is accepted.",
)

contents = Contents(
    models=["plugins.orders.models"],
    record_kinds=["plugins.orders.kinds:record_kinds"],
    document_kinds=["plugins.orders.kinds:document_kinds"],
    signals=["plugins.orders.signals:SIGNALS"],
    receivers=[("offers.offer-accepted", "plugins.orders.receivers:on_offer_accepted")],
    permissions=[
        ("orders.read", _l("See orders")),
        ("orders.write", _l("Create and change draft orders")),
        ("orders.convert", _l("Create orders from other documents")),
        ("orders.send", _l("Send orders to clients for confirmation")),
        ("orders.revise", _l("Take sent orders back to draft")),
        ("orders.confirm", _l("Confirm orders on the client's behalf")),
        ("orders.start", _l("Start work on confirmed orders")),
        ("orders.deliver", _l("Mark orders delivered")),
        ("orders.cancel", _l("Cancel orders")),
        ("orders.advance", _l("Move orders into statuses added by admins")),
        ("orders.configure", _l("Configure order statuses and settings")),
    ],
    roles={
        "sales_manager": ["orders.read", "orders.write", "orders.convert", "orders.send",
                          "orders.revise", "orders.confirm", "orders.start", "orders.deliver",
                          "orders.cancel", "orders.advance"],
        "salesperson": ["orders.read", "orders.write", "orders.convert", "orders.send",
                        "orders.revise", "orders.confirm", "orders.cancel"],
        "accountant": ["orders.read"],
        "logistics": ["orders.read", "orders.start", "orders.deliver", "orders.advance"],
    },
    blueprints=["plugins.orders.views:bp", "plugins.orders.views:public_bp",
                "plugins.orders.portal_views:bp"],
    api_blueprints=["plugins.orders.api:bp"],
    menu=[
        {"label": _l("Orders"), "endpoint": "orders.order_list", "group": _l("Sales"),
         "order": 30, "permission": "orders.read", "icon": "cart-check"},
        {"label": _l("Order settings"), "endpoint": "orders.admin", "group": _l("Administration"),
         "order": 930, "permission": "orders.configure", "icon": "sliders"},
    ],
    conversions=["plugins.orders.conversions:CONVERSIONS"],
    number_series=[{"code": "orders", "kind": "orders.order", "label": _l("Orders"),
                    "pattern": "CMD-{year}-{seq:05d}", "yearly_reset": True}],
    link_purposes={"orders.confirm": "orders_public.confirm"},
    demo_data=["plugins.orders.demo:add_demo_orders"],
)


@hookimpl
def kontora_document_content(kind: str, record_id: int) -> dict[str, Any] | None:
    if kind != "orders.order":
        return None

    return order_content(record_id)


@hookimpl
def kontora_merge_tags(kind: str) -> list[dict[str, Any]]:
    if kind != "orders.order":
        return []

    return merge_tags()


@hookimpl
def kontora_merge_records(kind: str, source_id: int, target_id: int,
                          session: Any) -> list[dict[str, Any]]:
    return move_client_orders(kind, source_id, target_id, session)


@hookimpl
def kontora_home_cards(principal: Any) -> list[dict[str, Any]]:
    from plugins.orders.home import orders_card

    return orders_card(principal)


@hookimpl
def kontora_profile_sections(party_id: int) -> list[dict[str, Any]]:
    return records_section("orders.order", "party_id", party_id, title=_l("Orders"),
                           order=45)


@hookimpl
def kontora_portal_sections() -> list[dict[str, Any]]:
    return portal_sections()


@hookimpl
def kontora_record_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    return thread_panels(kind, record_id)
