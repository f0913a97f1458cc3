"""Manifest and hooks of the ``orders`` plugin: the table of contents.

``orders`` never imports ``offers``: it declares the conversion offer -> order, reads
offers through the document-content protocol and listens for ``offers.offer-accepted`` by
name, so either plugin runs without the other.
"""

from __future__ import annotations

from typing import Any

from core import Manifest, hookimpl
from core.i18n import lazy_gettext as _l

manifest = Manifest(
    name="orders",
    title="Orders",
    version="1.0",
    depends=["parties", "catalog", "activities"],
    description="Client orders with lines and totals per VAT rate, confirmed by the client "
    "through an e-mailed link, moved through a workflow admins can extend; made by hand, "
    "from an offer, or when an offer is accepted.",
)

PERMISSIONS = [
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
]


@hookimpl
def kontora_models() -> None:
    import plugins.orders.models  # noqa: F401


@hookimpl
def kontora_record_kinds() -> list:
    from plugins.orders.kinds import record_kinds

    return record_kinds()


@hookimpl
def kontora_declare_signals(events: Any) -> None:
    from plugins.orders.signals import SIGNALS

    for name, doc in SIGNALS.items():
        events.declare(name, doc)


@hookimpl
def kontora_signal_receivers(events: Any) -> None:
    from plugins.orders.receivers import on_offer_accepted

    events.connect("offers.offer-accepted", on_offer_accepted)


@hookimpl
def kontora_permissions() -> list[tuple[str, Any]]:
    return list(PERMISSIONS)


@hookimpl
def kontora_default_roles() -> dict[str, list[str]]:
    everything = [code for code, _label in PERMISSIONS if code != "orders.configure"]
    return {
        "sales_manager": everything,
        "salesperson": ["orders.read", "orders.write", "orders.convert", "orders.send",
                        "orders.revise", "orders.confirm", "orders.cancel"],
        "accountant": ["orders.read"],
        "logistics": ["orders.read", "orders.start", "orders.deliver", "orders.advance"],
    }


@hookimpl
def kontora_blueprints() -> list:
    from plugins.orders.views import bp, public_bp

    return [bp, public_bp]


@hookimpl
def kontora_api_blueprints() -> list:
    from plugins.orders.api import bp

    return [bp]


@hookimpl
def kontora_menu_entries() -> list[dict]:
    group = _l("Sales")
    return [
        {"label": _l("Orders"), "endpoint": "orders.order_list", "group": group,
         "order": 30, "permission": "orders.read", "icon": "cart-check"},
        {"label": _l("Order settings"), "endpoint": "orders.admin", "group": _l("Administration"),
         "order": 930, "permission": "orders.configure", "icon": "sliders"},
    ]


@hookimpl
def kontora_conversions() -> list:
    from plugins.orders.conversions import CONVERSIONS

    return CONVERSIONS


@hookimpl
def kontora_document_content(kind: str, record_id: int) -> dict[str, Any] | None:
    if kind != "orders.order":
        return None
    from plugins.orders.content import order_content

    return order_content(record_id)


@hookimpl
def kontora_document_kinds() -> list[dict[str, Any]]:
    from pathlib import Path

    return [{"kind": "orders.order", "label": _l("Order"),
             "templates_dir": str(Path(__file__).parent / "documents")}]


@hookimpl
def kontora_merge_tags(kind: str) -> list[dict[str, Any]]:
    if kind != "orders.order":
        return []
    from plugins.orders.merge_tags import merge_tags

    return merge_tags()


@hookimpl
def kontora_number_series() -> list[dict[str, Any]]:
    return [{"code": "orders", "kind": "orders.order", "label": _l("Orders"),
             "pattern": "CMD-{year}-{seq:05d}", "yearly_reset": True}]


@hookimpl
def kontora_link_purposes() -> dict[str, str]:
    return {"orders.confirm": "orders_public.confirm"}


@hookimpl
def kontora_merge_records(kind: str, source_id: int, target_id: int,
                          session: Any) -> list[dict[str, Any]]:
    from plugins.orders.merge import move_client_orders

    return move_client_orders(kind, source_id, target_id, session)


@hookimpl
def kontora_demo_data(session: Any) -> None:
    from plugins.orders.demo import add_demo_orders

    add_demo_orders(session)
