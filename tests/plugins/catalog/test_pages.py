"""Product pages and API through the kernel's generic declarations."""

from __future__ import annotations

import pytest

from tests.core.api.support import bearer, make_user
from tests.core.web.conftest import sign_in

__all__ = ["sign_in"]

RIGHTS = ["catalog.read", "catalog.write", "catalog.delete"]
PRODUCT = {"code": "SRV-1", "name": "Support", "kind": "service", "unit": "h",
           "price": "65.50", "currency": "EUR", "vat_rate": "19", "active": "true"}


def test_product_form_list_and_detail(sign_in):
    browser = sign_in("ann", RIGHTS)
    created = browser.post("/catalog/products/new", PRODUCT)
    assert created.status_code == 302, created.get_data(as_text=True)
    assert "Support" in browser.get("/catalog/products/").get_data(as_text=True)
    bad = browser.post("/catalog/products/new", {**PRODUCT, "code": "SRV 2", "price": "-1"})
    assert bad.status_code == 422


def test_product_api(app):
    from core.kernel import kontora

    with app.app_context(), kontora(app).db.unit():
        headers = bearer(make_user("ann", RIGHTS, "all"))
    client = app.test_client()
    body = {k: v for k, v in PRODUCT.items() if k != "active"}
    created = client.post("/api/v1/catalog.product", json=body, headers=headers)
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["price"] == "65.5000"
    listed = client.get("/api/v1/catalog.product?kind=service", headers=headers).get_json()
    assert [p["code"] for p in listed["items"]] == ["SRV-1"]


def test_duplicate_code_is_a_conflict_that_keeps_the_form_and_loses_nothing(sign_in):
    browser = sign_in("ann", RIGHTS)
    assert browser.post("/catalog/products/new", PRODUCT).status_code == 302
    clash = browser.post("/catalog/products/new", {**PRODUCT, "name": "Second support"})
    assert clash.status_code == 409
    page = clash.get_data(as_text=True)
    assert "Second support" in page
    assert "Another record already has this value." in page
    other = browser.post("/catalog/products/new", {**PRODUCT, "code": "SRV-2"})
    assert other.status_code == 302
    listing = browser.get("/catalog/products/").get_data(as_text=True)
    assert "SRV-1" in listing and "SRV-2" in listing


def test_duplicate_code_in_one_unit_leaves_the_unit_usable(app):
    from core.errors import Conflict
    from core.kernel import kontora
    from core.services import create_record
    from tests.core.api.support import principal_of

    body = {k: v for k, v in PRODUCT.items() if k != "active"}
    with app.app_context(), kontora(app).db.unit():
        user = make_user("ann", RIGHTS, "all")
        headers = bearer(user)
    with app.app_context(), kontora(app).db.unit():
        who = principal_of(user)
        create_record(who, "catalog.product", body)
        with pytest.raises(Conflict):
            create_record(who, "catalog.product", body)
        create_record(who, "catalog.product", {**body, "code": "SRV-3"})
    listed = app.test_client().get("/api/v1/catalog.product", headers=headers).get_json()
    assert sorted(p["code"] for p in listed["items"]) == ["SRV-1", "SRV-3"]
