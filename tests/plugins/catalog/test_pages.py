"""Product pages and API through the kernel's generic declarations."""

from __future__ import annotations

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
    from core.app import kontora

    with app.app_context(), kontora(app).db.unit():
        headers = bearer(make_user("ann", RIGHTS, "all"))
    client = app.test_client()
    body = {k: v for k, v in PRODUCT.items() if k != "active"}
    created = client.post("/api/v1/catalog.product", json=body, headers=headers)
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["price"] == "65.5000"
    listed = client.get("/api/v1/catalog.product?kind=service", headers=headers).get_json()
    assert [p["code"] for p in listed["items"]] == ["SRV-1"]
