"""Every state change of the catalog: products, categories, services assigned to clients.

Each function takes the acting principal and plain data, validates with the schemas,
checks permissions (and, for a client's services, the client's record rules through the
``parties`` services), writes, names the actor for the audit trail and announces.
"""

from __future__ import annotations

from typing import Any

import marshmallow
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from core.db import session
from core.errors import Conflict
from core.i18n import gettext as _
from core.kernel import kontora
from core.permissions import require
from core.services.helpers import flatten_errors
from plugins.catalog.exceptions import (
    InvalidProductData,
    ProductCodeTaken,
    ProductNotFound,
    StaleProduct,
)
from plugins.catalog.models import ClientService, Product, ProductCategory
from plugins.catalog.schemas import ClientServiceSchema, ProductSchema
from plugins.parties.services.common import act_as, load_client


def _validate(schema: marshmallow.Schema, data: Any, **kwargs: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise InvalidProductData({"_schema": [_("Expected an object.")]})
    try:
        return schema.load(data, **kwargs)
    except marshmallow.ValidationError as exc:
        raise InvalidProductData(flatten_errors(exc.messages)) from None


def _announce(name: str, sender: Any, **kwargs: Any) -> None:
    kontora().events.announce(name, sender, **kwargs)


def get_product(principal: Any, product_id: int) -> Product:
    require(principal, "catalog.read")
    product = session().get(Product, product_id)
    if product is None:
        raise ProductNotFound(product_id)
    return product


def create_product(principal: Any, data: dict[str, Any]) -> Product:
    """Add a product or service; its code must be unique (compared upper-cased)."""
    require(principal, "catalog.write")
    act_as(principal)
    values = _validate(ProductSchema(), data)
    _code_free(values["code"])
    categories = _categories(values.pop("category_ids", []))
    product = Product(**values, categories=categories, created_by_id=principal.user_id,
                      updated_by_id=principal.user_id)
    session().add(product)
    session().flush()
    _announce("catalog.product-created", product.id, principal_id=principal.user_id,
              code=product.code)
    return product


def update_product(principal: Any, product_id: int, data: dict[str, Any], *,
                   expected_version: int | None = None) -> Product:
    """Change the fields given in ``data`` (deactivate with ``{"active": False}``)."""
    require(principal, "catalog.write")
    product = get_product(principal, product_id)
    if expected_version is not None and product.version != expected_version:
        raise StaleProduct()
    act_as(principal)
    values = _validate(ProductSchema(), data, partial=True)
    if "code" in values and values["code"] != product.code:
        _code_free(values["code"])
    changed = []
    if "category_ids" in values:
        product.categories = _categories(values.pop("category_ids"))
        changed.append("categories")
    for key, value in values.items():
        if getattr(product, key) != value:
            setattr(product, key, value)
            changed.append(key)
    if changed:
        product.updated_by_id = principal.user_id
        try:
            session().flush()
        except StaleDataError:
            raise StaleProduct() from None
        _announce("catalog.product-updated", product.id, principal_id=principal.user_id,
                  changed=changed)
    return product


def delete_product(principal: Any, product_id: int) -> None:
    """Delete a product; one still assigned to clients is kept (deactivate it instead)."""
    require(principal, "catalog.delete")
    product = get_product(principal, product_id)
    act_as(principal)
    if session().scalar(select(ClientService.id).where(ClientService.product_id == product.id)
                        .limit(1)):

        raise Conflict(_("This service is assigned to clients; deactivate it instead."))
    session().delete(product)
    session().flush()


def create_category(principal: Any, name: str, parent_id: int | None = None) -> ProductCategory:
    require(principal, "catalog.write")
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise InvalidProductData({"name": [_("Give a name of at most 100 characters.")]})
    if session().scalar(select(ProductCategory.id).where(ProductCategory.name == name)):
        raise InvalidProductData({"name": [_("This category exists already.")]})
    if parent_id is not None and session().get(ProductCategory, parent_id) is None:
        raise InvalidProductData({"parent_id": [_("No such category.")]})
    category = ProductCategory(name=name, parent_id=parent_id)
    session().add(category)
    session().flush()
    return category


def client_services(principal: Any, client_id: int) -> list[ClientService]:
    """The services assigned to a client the principal may see."""
    require(principal, "catalog.read")
    load_client(principal, client_id, "read")
    return list(session().scalars(
        select(ClientService).where(ClientService.client_id == client_id)
        .join(ClientService.product).order_by(Product.code)))


def assign_service(principal: Any, client_id: int, data: dict[str, Any]) -> ClientService:
    """Assign a service to a client (changing the client: ``parties.write`` and its rules)."""
    require(principal, "catalog.read")
    client = load_client(principal, client_id, "write")
    act_as(principal)
    values = _validate(ClientServiceSchema(), data)
    product = session().get(Product, values["product_id"])
    if product is None or not product.active or product.kind != "service":
        raise InvalidProductData({"product_id": [_("Choose an active service.")]})
    if session().scalar(select(ClientService.id).where(
            ClientService.client_id == client.id, ClientService.product_id == product.id)):
        raise InvalidProductData({"product_id": [_("The client has this service already.")]})
    assigned = ClientService(client_id=client.id, **values)
    session().add(assigned)
    session().flush()
    _announce("catalog.service-assigned", product.id, client_id=client.id,
              principal_id=principal.user_id)
    return assigned


def unassign_service(principal: Any, client_id: int, product_id: int) -> None:
    client = load_client(principal, client_id, "write")
    act_as(principal)
    assigned = session().scalar(select(ClientService).where(
        ClientService.client_id == client.id, ClientService.product_id == product_id))
    if assigned is None:
        raise ProductNotFound(product_id)
    session().delete(assigned)
    session().flush()
    _announce("catalog.service-unassigned", product_id, client_id=client.id,
              principal_id=principal.user_id)


def _code_free(code: str) -> None:
    if session().scalar(select(Product.id).where(Product.code == code)):
        raise ProductCodeTaken(code)


def _categories(ids: list[int]) -> list[ProductCategory]:
    found = list(session().scalars(select(ProductCategory).where(ProductCategory.id.in_(ids))))
    if len(found) != len(set(ids)):
        raise InvalidProductData({"category_ids": [_("No such category.")]})
    return found
