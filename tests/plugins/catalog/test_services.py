"""Catalog services: unique codes, exact prices, permissions, services assigned to clients."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from core.errors import Conflict, Forbidden, ValidationError
from core.kernel import kontora
from plugins.catalog import services
from plugins.catalog.models import ClientService, Product
from plugins.parties import services as parties
from plugins.parties.exceptions import ClientNotFound
from tests.plugins.parties.conftest import staff

MAINTENANCE = {"code": "srv-mnt", "name": "Maintenance", "kind": "service", "unit": "month",
               "price": "450.1250", "currency": "ron", "vat_rate": "19"}
CATALOG = ("catalog.read", "catalog.write", "catalog.delete",
           "parties.read", "parties.write")


@pytest.fixture
def cat(ctx):
    ctx["manager"] = staff(ctx["ann"], "all", *CATALOG)
    ctx["client"] = parties.create_client(ctx["as_ann"], {
        "kind": "legal_entity", "name": "Alfa SRL", "country": "RO"})
    return ctx


def test_create_normalises_code_and_keeps_exact_prices(cat):
    product = services.create_product(cat["manager"], MAINTENANCE)
    cat["session"].expire_all()
    product = services.get_product(cat["manager"], product.id)
    assert (product.code, product.currency) == ("SRV-MNT", "RON")
    assert product.price == Decimal("450.1250") and product.vat_rate == Decimal("19.00")


def test_codes_are_unique_and_input_is_checked(cat):
    services.create_product(cat["manager"], MAINTENANCE)
    with pytest.raises(Conflict):
        services.create_product(cat["manager"], {**MAINTENANCE, "code": "SRV-MNT"})
    with pytest.raises(ValidationError) as err:
        services.create_product(cat["manager"], {**MAINTENANCE, "code": "a b",
                                                 "price": "-1", "vat_rate": "120"})
    assert {"code", "price", "vat_rate"} <= set(err.value.fields)


def test_update_and_deactivate(cat):
    product = services.create_product(cat["manager"], MAINTENANCE)
    services.update_product(cat["manager"], product.id, {"price": "500", "active": False},
                            expected_version=product.version)
    assert (product.price, product.active) == (Decimal("500"), False)


def test_permissions(cat):
    reader = staff(cat["bob"], "all", "catalog.read")
    with pytest.raises(Forbidden):
        services.create_product(reader, MAINTENANCE)
    product = services.create_product(cat["manager"], MAINTENANCE)
    with pytest.raises(Forbidden):
        services.delete_product(reader, product.id)


def test_assigning_services_to_a_client(cat):
    service = services.create_product(cat["manager"], MAINTENANCE)
    goods = services.create_product(cat["manager"], {**MAINTENANCE, "code": "CEM",
                                                     "kind": "product"})
    client_id = cat["client"].id
    assigned = services.assign_service(cat["manager"], client_id,
                                       {"product_id": service.id, "price": "400"})
    assert assigned.effective_price == Decimal("400")
    assert [s.product.code for s in services.client_services(cat["manager"], client_id)] == [
        "SRV-MNT"]
    with pytest.raises(ValidationError):
        services.assign_service(cat["manager"], client_id, {"product_id": service.id})
    with pytest.raises(ValidationError):
        services.assign_service(cat["manager"], client_id, {"product_id": goods.id})
    with pytest.raises(Conflict):
        services.delete_product(cat["manager"], service.id)
    services.unassign_service(cat["manager"], client_id, service.id)
    assert services.client_services(cat["manager"], client_id) == []


def test_client_record_rules_apply_to_assignments(cat):
    service = services.create_product(cat["manager"], MAINTENANCE)
    bob_own = staff(cat["bob"], "own", *CATALOG)
    with pytest.raises(ClientNotFound):
        services.assign_service(bob_own, cat["client"].id, {"product_id": service.id})
    with pytest.raises(ClientNotFound):
        services.client_services(bob_own, cat["client"].id)


def test_demo_catalog_assigns_services_to_demo_clients(app):
    k = kontora(app)
    with app.app_context():
        for _run in range(2):
            with k.db.unit() as s:
                k.pm.hook.kontora_demo_data(session=s)
        with k.db.unit() as s:
            assert s.scalar(select(func.count()).select_from(Product)) == 7
            assert s.scalar(select(func.count()).select_from(ClientService)) == 3
