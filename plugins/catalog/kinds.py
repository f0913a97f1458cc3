"""The record kinds ``catalog`` provides: products and services."""

from __future__ import annotations

from sqlalchemy.orm import selectinload

from core.i18n import lazy_gettext as _l
from core.kinds import RecordKind
from plugins.catalog.models import Product
from plugins.catalog.schemas import ProductSchema


def record_kinds() -> list[RecordKind]:
    return [RecordKind(
        kind="catalog.product", model=Product, label=_l("Product"),
        label_plural=_l("Products and services"), permission_prefix="catalog",
        endpoint="catalog.product_detail", schema=ProductSchema,
        load_options=(selectinload(Product.categories),),
        extra={"filters": ["kind", "active", "currency", "unit", "code"],
               "sort": ["code", "name", "price"], "default_sort": "code"},
    )]
