"""Manifest and hooks of the ``catalog`` plugin: the table of contents.

``catalog`` depends on ``parties`` because it keeps the services assigned to each client
(a row pointing at both a client and a product). Every plugin that sells (offers, orders,
invoicing) needs both anyway, and ``parties`` stays free of any product notion.
"""

from __future__ import annotations

from typing import Any

from core import Manifest, hookimpl
from core.i18n import lazy_gettext as _l

manifest = Manifest(
    name="catalog",
    title="Products and services",
    version="1.0",
    depends=["parties"],
    description="Products and services with code, unit, price, currency and VAT rate, "
    "grouped in categories; the services assigned to each client.",
)

PERMISSIONS = [
    ("catalog.read", _l("See products and services")),
    ("catalog.write", _l("Create and change products and services, assign services to clients")),
    ("catalog.delete", _l("Delete products and services")),
]


@hookimpl
def kontora_models() -> None:
    import plugins.catalog.models  # noqa: F401


@hookimpl
def kontora_record_kinds() -> list:
    from core.i18n import lazy_gettext as _l
    from core.kinds import RecordKind
    from plugins.catalog.models import Product
    from plugins.catalog.schemas import ProductSchema

    return [RecordKind(
        kind="catalog.product", model=Product, label=_l("Product"),
        label_plural=_l("Products and services"), permission_prefix="catalog",
        endpoint="catalog.product_detail", schema=ProductSchema,
        extra={"filters": ["kind", "active", "currency", "unit", "code"],
               "search": ["code", "name", "description"],
               "sort": ["code", "name", "price"], "default_sort": "code"},
    )]


@hookimpl
def kontora_declare_signals(events: Any) -> None:
    from plugins.catalog.signals import SIGNALS

    for name, doc in SIGNALS.items():
        events.declare(name, doc)


@hookimpl
def kontora_permissions() -> list[tuple[str, Any]]:
    return list(PERMISSIONS)


@hookimpl
def kontora_default_roles() -> dict[str, list[str]]:
    return {
        "sales_manager": ["catalog.read", "catalog.write", "catalog.delete"],
        "salesperson": ["catalog.read"],
        "accountant": ["catalog.read"],
        "logistics": ["catalog.read"],
    }


@hookimpl
def kontora_blueprints() -> list:
    from plugins.catalog.views import bp

    return [bp]


@hookimpl
def kontora_api_blueprints() -> list:
    from plugins.catalog.api import bp

    return [bp]


@hookimpl
def kontora_menu_entries() -> list[dict]:
    from core.i18n import lazy_gettext as _l

    return [{"label": _l("Products and services"), "endpoint": "catalog.product_list",
             "group": _l("Catalog"), "order": 20, "permission": "catalog.read",
             "icon": "box-seam"}]


@hookimpl
def kontora_demo_data(session: Any) -> None:
    from plugins.catalog.demo import add_demo_catalog

    add_demo_catalog(session)
