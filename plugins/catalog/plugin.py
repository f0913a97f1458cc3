"""Manifest and contents of the ``catalog`` plugin.

``catalog`` depends on ``parties`` because it keeps the services assigned to each client
(a row pointing at both a client and a product). Every plugin that sells (offers, orders,
invoicing) needs both anyway, and ``parties`` stays free of any product notion.
"""

from __future__ import annotations

from core import Contents, Manifest
from core.i18n import lazy_gettext as _l

manifest = Manifest(
    name="catalog",
    title="Products and services",
    version="1.0",
    depends=["parties"],
    description="Products and services with code, unit, price, currency and VAT rate, "
    "grouped in categories; the services assigned to each client.",
)

contents = Contents(
    models=["plugins.catalog.models"],
    record_kinds=["plugins.catalog.kinds:record_kinds"],
    signals=["plugins.catalog.signals:SIGNALS"],
    permissions=[
        ("catalog.read", _l("See products and services")),
        ("catalog.write", _l("Create and change products and services, assign services to "
                             "clients")),
        ("catalog.delete", _l("Delete products and services")),
    ],
    roles={
        "sales_manager": ["catalog.*"],
        "salesperson": ["catalog.read"],
        "accountant": ["catalog.read"],
        "logistics": ["catalog.read"],
    },
    blueprints=["plugins.catalog.views:bp"],
    api_blueprints=["plugins.catalog.api:bp"],
    menu=[{"label": _l("Products and services"), "endpoint": "catalog.product_list",
           "group": _l("Catalog"), "order": 20, "permission": "catalog.read",
           "icon": "box-seam"}],
    demo_data=["plugins.catalog.demo:add_demo_catalog"],
)
