"""The product API writes through the catalog's services: categories, codes, versions."""

from __future__ import annotations

from typing import Any

import pytest

from core.app import kontora
from plugins.catalog.services import create_category
from tests.core.api.support import bearer, make_user, principal_of

RIGHTS = ["catalog.read", "catalog.write", "catalog.delete"]
BODY = {"code": "srv-1", "name": "Support", "kind": "service", "unit": "h", "price": "65.50",
        "currency": "EUR", "vat_rate": "19"}


@pytest.fixture
def api(app: Any) -> tuple[Any, dict[str, str], int]:
    with app.app_context(), kontora(app).db.unit():
        user = make_user("ann", RIGHTS, "all")
        category = create_category(principal_of(user), "Services")
        return app.test_client(), bearer(user), category.id


def test_categories_are_given_by_id_as_documented(api):
    client, headers, category = api
    made = client.post("/api/v1/catalog.product", headers=headers,
                       json={**BODY, "category_ids": [category]})
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["categories"] == ["Services"] and made.get_json()["code"] == "SRV-1"
    product = made.get_json()["id"]
    cleared = client.patch(f"/api/v1/catalog.product/{product}", headers=headers,
                           json={"category_ids": []})
    assert cleared.status_code == 200 and cleared.get_json()["categories"] == []
    unknown = client.patch(f"/api/v1/catalog.product/{product}", headers=headers,
                           json={"category_ids": [category + 1000]})
    assert unknown.status_code == 422 and "category_ids" in unknown.get_json()["fields"]


def test_replace_needs_every_field_and_writes_check_the_version(api):
    client, headers, _category = api
    product = client.post("/api/v1/catalog.product", headers=headers, json=BODY).get_json()
    url = f"/api/v1/catalog.product/{product['id']}"
    partial = client.put(url, headers=headers, json={"name": "Only a name"})
    assert partial.status_code == 422 and "code" in partial.get_json()["fields"]
    replaced = client.put(url, headers=headers, json={**BODY, "name": "Premium support"})
    assert replaced.status_code == 200 and replaced.get_json()["name"] == "Premium support"
    stale = client.delete(url, headers={**headers, "If-Match": '"1"'})
    assert stale.status_code == 409
    assert client.delete(url, headers={**headers, "If-Match": replaced.headers["ETag"]}
                         ).status_code == 204
    assert client.get(url, headers=headers).status_code == 404


def test_a_price_beyond_the_column_is_refused_naming_it(api):
    client, headers, _category = api
    made = client.post("/api/v1/catalog.product", headers=headers,
                       json={**BODY, "price": 1.6305407738528368e16})
    assert made.status_code == 422 and "price" in made.get_json()["fields"]
