"""A value the database's constraints refuse is the client's mistake: 409 or 422 naming it."""

from __future__ import annotations

from typing import Any

import pytest

from core.app import kontora
from core.permissions.catalogue import catalogue
from plugins.leads.seed import seed_defaults
from tests.core.api.support import bearer, make_user

NOBODY = 987654


@pytest.fixture
def admin(make_app: Any) -> Any:
    """Every built-in plugin, a client, and an admin's test client and token."""
    app = make_app(plugins="builtin")
    k = kontora(app)
    with app.app_context(), k.db.unit() as sess:
        seed_defaults(sess)  # the leads pipeline
        user = make_user("root", [], "all")
        user.roles[0].grants_all = True
        headers = bearer(user, sorted(catalogue(app)))
    client = app.test_client()
    made = client.post("/api/v1/parties.client", headers=headers,
                       json={"kind": "legal_entity", "name": "Acme SRL", "country": "RO"})
    assert made.status_code == 201, made.get_json()
    return client, headers, made.get_json()["id"]


def _refused(response: Any, field: str, status: int = 422) -> dict[str, Any]:
    body = response.get_json()
    assert response.status_code == status, body
    assert field in body["fields"], body
    return body


def test_an_offer_for_an_owner_who_does_not_exist(admin):
    client, headers, party = admin
    response = client.post("/api/v1/offers.offer", headers=headers, json={
        "title": "Chairs", "party_id": party, "currency": "RON", "owner_id": NOBODY})
    _refused(response, "owner_id")


def test_an_order_for_an_owner_who_does_not_exist(admin):
    client, headers, party = admin
    response = client.post("/api/v1/orders.order", headers=headers, json={
        "party_id": party, "currency": "RON", "owner_id": NOBODY})
    _refused(response, "owner_id")


def test_a_lead_for_an_owner_who_does_not_exist_is_no_duplicate(admin):
    client, headers, _party = admin
    response = client.post("/api/v1/leads.lead", headers=headers, json={
        "title": "Forty chairs", "owner_id": NOBODY})
    body = _refused(response, "owner_id")
    assert "already has this value" not in str(body)


def test_renaming_a_series_to_a_code_in_use_is_a_conflict_on_code(admin):
    client, headers, _party = admin
    for code in ("INV-A", "INV-B"):
        made = client.post("/api/v1/numbering/series", headers=headers, json={
            "code": code, "kind": "invoicing.invoice", "label": code,
            "pattern": "{seq:05d}", "yearly_reset": False})
        assert made.status_code == 201, made.get_json()
    response = client.patch("/api/v1/numbering/series/INV-B", headers=headers,
                            json={"code": "INV-A"})
    _refused(response, "code", status=409)


def test_a_reference_beyond_any_id_is_refused_naming_it(admin):
    client, headers, party = admin
    changed = client.patch(f"/api/v1/parties.client/{party}", headers=headers,
                           json={"owner_id": 193478508337})
    _refused(changed, "owner_id")
    product = client.post("/api/v1/catalog.product", headers=headers, json={
        "code": "P1", "name": "P", "price": "1", "currency": "EUR", "vat_rate": "19",
        "category_ids": [2**40]})
    _refused(product, "category_ids.0")


def test_deleting_a_client_others_still_refer_to_is_a_conflict(admin):
    client, headers, party = admin
    order = client.post("/api/v1/orders.order", headers=headers, json={
        "party_id": party, "currency": "RON"})  # orders keep their client (RESTRICT)
    assert order.status_code == 201, order.get_json()
    response = client.delete(f"/api/v1/parties.client/{party}", headers=headers)
    assert response.status_code == 409, response.get_json()
    assert client.get(f"/api/v1/parties.client/{party}", headers=headers).status_code == 200
