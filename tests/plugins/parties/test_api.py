"""Client API: create with field errors and duplicates, read through the generic resource."""

from __future__ import annotations

BODY = {"kind": "legal_entity", "name": "Epsilon Trade SRL", "country": "RO",
        "tax_id": "18547290", "tags": ["vip"],
        "addresses": [{"use": "registered", "street": "Str. A 1", "city": "Sibiu",
                       "country": "RO"}]}


def test_create_read_update_delete(api_as):
    api = api_as("ann", ["parties.read", "parties.write", "parties.delete"])
    created = api.post("/api/v1/parties.client", json=BODY)
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["tax_id"] == "18547290" and body["tags"] == ["vip"]
    url = f"/api/v1/parties.client/{body['id']}"
    assert api.get(url).get_json()["name"] == "Epsilon Trade SRL"
    listed = api.get("/api/v1/parties.client?tax_id=18547290").get_json()
    assert [c["id"] for c in listed["items"]] == [body["id"]]
    patched = api.patch(url, json={"status": "customer"}, headers={"If-Match": '"1"'})
    assert patched.status_code == 200 and patched.get_json()["status"] == "customer"
    stale = api.patch(url, json={"status": "prospect"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 409
    assert api.delete(url).status_code == 204
    assert api.get(url).status_code == 404


def test_bad_identifiers_are_422_with_fields(api_as):
    api = api_as("ann", ["parties.read", "parties.write"])
    response = api.post("/api/v1/parties.client",
                        json={**BODY, "tax_id": "123", "country": "BG"})
    assert response.status_code == 422
    assert "EIK/BULSTAT" in response.get_json()["fields"]["tax_id"][0]


def test_duplicates_are_409_with_candidates(api_as):
    api = api_as("ann", ["parties.read", "parties.write"])
    first = api.post("/api/v1/parties.client", json=BODY).get_json()
    dup = api.post("/api/v1/parties.client", json={**BODY, "name": "Epsilon Trade"})
    assert dup.status_code == 409
    assert dup.get_json()["candidates"][0]["id"] == first["id"]
    confirmed = api.post("/api/v1/parties.client?allow_duplicate=1", json=BODY)
    assert confirmed.status_code == 201


def test_api_needs_permission(api_as):
    api = api_as("bob", ["parties.read"])
    assert api.post("/api/v1/parties.client", json=BODY).status_code == 403
