"""REST endpoints for products under ``/api/v1/catalog.product`` (the generic resource)."""

from __future__ import annotations

from core.api.blueprint import api_blueprint
from core.api.resources import register_resource
from plugins.catalog.schemas import ProductSchema

bp = api_blueprint("catalog_api", __name__)
register_resource(bp, kind="catalog.product", schema=ProductSchema,
                  filters=["kind", "active", "currency", "code"])
