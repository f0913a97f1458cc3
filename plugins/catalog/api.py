"""REST endpoints for products under ``/api/v1/catalog.product``.

Reading and listing are the kernel's generic resource; writing goes through this plugin's
services, as the product pages do, because a product is more than its row: its categories
(``category_ids``) and a code unique whatever its case.
"""

from __future__ import annotations

from flask import Response, jsonify, request

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, json_body
from core.api.etag import expected_version, with_etag
from core.api.openapi import IF_MATCH, operation
from core.api.resources import register_resource
from core.services import validate
from plugins.catalog import services
from plugins.catalog.exceptions import StaleProduct
from plugins.catalog.schemas import ProductSchema

bp = api_blueprint("catalog_api", __name__)
register_resource(bp, kind="catalog.product", schema=ProductSchema, actions=("list", "get"),
                  filters=["kind", "active", "currency", "code"])

BASE = "/catalog.product"
ONE = f"{BASE}/<{RECORD_ID}:record_id>"
TAGS = ["catalog.product"]


def _product(product, status: int = 200) -> Response:
    response = with_etag(jsonify(ProductSchema().dump(product)), product)
    response.status_code = status
    return response


@bp.post(BASE)
@operation("POST", summary="Create a product or service", tags=TAGS, request=ProductSchema,
           responses={201: ProductSchema}, errors=(409,))
def create_product() -> Response:
    return _product(services.create_product(api_principal(), json_body()), 201)


@bp.route(ONE, methods=["PATCH", "PUT"])
@operation("PUT", summary="Replace a product: every required field is sent", tags=TAGS,
           request=ProductSchema, responses={200: ProductSchema}, errors=(409, 412),
           parameters=[IF_MATCH])
@operation("PATCH", summary="Change some fields of a product", tags=TAGS,
           request=ProductSchema, responses={200: ProductSchema}, errors=(409, 412),
           parameters=[IF_MATCH])
def update_product(record_id: int) -> Response:
    principal = api_principal()
    data = json_body()
    if request.method == "PUT":
        validate(ProductSchema(), data)  # a replacement names every required field
    return _product(services.update_product(principal, record_id, data,
                                            expected_version=expected_version()))


@bp.delete(ONE)
@operation("DELETE", summary="Delete a product not assigned to any client", tags=TAGS,
           responses={204: None}, errors=(409, 412), parameters=[IF_MATCH])
def delete_product(record_id: int) -> Response:
    principal = api_principal()
    version = expected_version()
    if version is not None and services.get_product(principal, record_id).version != version:
        raise StaleProduct()
    services.delete_product(principal, record_id)
    return Response(status=204)
