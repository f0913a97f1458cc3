"""Contact persons, addresses and bank accounts of a client through the API."""

from __future__ import annotations

import pytest

CLIENTS = "/api/v1/parties.client"
WRITER = ["parties.read", "parties.write"]


def _client(api, name="Delta Impex SRL"):
    made = api.post(CLIENTS, json={"kind": "legal_entity", "name": name, "country": "RO"})
    assert made.status_code == 201, made.get_json()
    return made.get_json()["id"]


def test_contacts_are_listed_added_changed_and_unlinked(api_as):
    api = api_as("ann", WRITER)
    client = _client(api)
    url = f"{CLIENTS}/{client}/contacts"
    made = api.post(url, json={"role": "buyer", "contact": {
        "name": "Ioana Pop", "methods": [{"channel": "email", "value": "Ioana@Delta.ro"}]}})
    assert made.status_code == 201, made.get_json()
    link = made.get_json()
    assert link["is_primary"] and link["contact"]["methods"][0]["value"] == "ioana@delta.ro"
    second = api.post(url, json={"contact": {"name": "Dan Ene"}}).get_json()
    assert not second["is_primary"]

    changed = api.patch(f"{url}/{second['contact_id']}",
                        json={"is_primary": True, "contact": {"job_title": "CFO"}})
    assert changed.status_code == 200, changed.get_json()
    body = changed.get_json()
    assert body["is_primary"] and body["role"] is None  # the role was not sent: kept
    assert body["contact"]["job_title"] == "CFO" and body["contact"]["name"] == "Dan Ene"
    listed = {c["contact_id"]: c for c in api.get(url).get_json()}
    assert not listed[link["contact_id"]]["is_primary"]
    assert listed[link["contact_id"]]["role"] == "buyer"

    assert api.delete(f"{url}/{link['contact_id']}").status_code == 204
    assert [c["contact_id"] for c in api.get(url).get_json()] == [second["contact_id"]]
    assert api.delete(f"{url}/{link['contact_id']}").status_code == 404


def test_bad_contact_input_names_the_field(api_as):
    api = api_as("ann", WRITER)
    url = f"{CLIENTS}/{_client(api)}/contacts"
    contact = api.post(url, json={"contact": {"name": "Dan Ene"}}).get_json()["contact_id"]
    for body, field in (({"is_primary": "yes"}, "is_primary"),
                        ({"role": "x" * 121}, "role"),
                        ({"contact": {"name": ""}}, "contact.name"),
                        ({"contact": {"methods": [{"channel": "fax", "value": "1"}]}},
                         "contact.methods.0.channel")):
        refused = api.patch(f"{url}/{contact}", json=body)
        assert refused.status_code == 422, (body, refused.get_json())
        assert field in refused.get_json()["fields"], refused.get_json()
    assert api.post(url, json={}).status_code == 422


def test_addresses_are_listed_changed_made_default_and_removed(api_as):
    api = api_as("ann", WRITER)
    client = _client(api)
    url = f"{CLIENTS}/{client}/addresses"
    first = api.post(url, json={"use": "delivery", "street": "Str. A 1", "city": "Cluj",
                                "country": "ro"}).get_json()
    second = api.post(url, json={"use": "delivery", "street": "Str. B 2", "city": "Iasi",
                                 "country": "RO"}).get_json()
    assert first["is_default"] and not second["is_default"] and first["country"] == "RO"

    patched = api.patch(f"{url}/{second['id']}", json={"city": "Brasov"})
    assert patched.status_code == 200, patched.get_json()
    assert patched.get_json()["city"] == "Brasov"
    assert patched.get_json()["street"] == "Str. B 2"
    assert api.put(f"{url}/{second['id']}", json={"city": "Arad"}).status_code == 422

    made_default = api.post(f"{url}/{second['id']}/default")
    assert made_default.status_code == 200 and made_default.get_json()["is_default"]
    defaults = {a["id"]: a["is_default"] for a in api.get(url).get_json()}
    assert defaults == {first["id"]: False, second["id"]: True}

    assert api.delete(f"{url}/{second['id']}").status_code == 204
    assert [a["is_default"] for a in api.get(url).get_json()] == [True]


def test_bank_accounts_are_listed_changed_and_removed(api_as):
    api = api_as("ann", WRITER)
    url = f"{CLIENTS}/{_client(api)}/bank-accounts"
    made = api.post(url, json={"iban": "RO49 AAAA 1B31 0075 9384 0000", "currency": "RON"})
    assert made.status_code == 201, made.get_json()
    account = made.get_json()
    assert account["iban"] == "RO49AAAA1B31007593840000" and account["is_default"]
    assert api.post(url, json={"iban": "RO00 1234", "currency": "RON"}).get_json()[
        "fields"].keys() == {"iban"}
    patched = api.patch(f"{url}/{account['id']}", json={"bank_name": "Banca Test"})
    assert patched.status_code == 200 and patched.get_json()["bank_name"] == "Banca Test"
    assert api.get(url).get_json()[0]["currency"] == "RON"
    assert api.delete(f"{url}/{account['id']}").status_code == 204
    assert api.get(url).get_json() == []


@pytest.mark.parametrize("part", ["addresses", "bank-accounts", "contacts"])
def test_a_row_of_another_client_is_not_found_under_this_one(api_as, part):
    api = api_as("ann", WRITER)
    mine, other = _client(api), _client(api, "Other Trade SRL")
    body = {"addresses": {"use": "delivery", "street": "S 1", "city": "C", "country": "RO"},
            "bank-accounts": {"iban": "RO49AAAA1B31007593840000", "currency": "RON"},
            "contacts": {"contact": {"name": "Ana"}}}[part]
    made = api.post(f"{CLIENTS}/{other}/{part}", json=body)
    assert made.status_code == 201, made.get_json()
    row = made.get_json()
    row_id = row.get("id", row.get("contact_id"))
    url = f"{CLIENTS}/{mine}/{part}/{row_id}"
    assert api.patch(url, json={"role": "x"} if part == "contacts" else {}).status_code == 404
    assert api.delete(url).status_code == 404
    assert len(api.get(f"{CLIENTS}/{other}/{part}").get_json()) == 1


def test_record_rules_and_permissions_hold(api_as):
    ann = api_as("ann", WRITER, "own")
    bob = api_as("bob", WRITER, "own")
    reader = api_as("reader", ["parties.read"])
    client = _client(ann)
    address = {"use": "delivery", "street": "S 1", "city": "C", "country": "RO"}
    for part in ("contacts", "addresses", "bank-accounts"):
        assert bob.get(f"{CLIENTS}/{client}/{part}").status_code == 404
        assert reader.get(f"{CLIENTS}/{client}/{part}").status_code == 200
    assert bob.post(f"{CLIENTS}/{client}/addresses", json=address).status_code == 404
    assert reader.post(f"{CLIENTS}/{client}/addresses", json=address).status_code == 403
    made = ann.post(f"{CLIENTS}/{client}/addresses", json=address).get_json()
    assert bob.delete(f"{CLIENTS}/{client}/addresses/{made['id']}").status_code == 404
    assert reader.delete(f"{CLIENTS}/{client}/addresses/{made['id']}").status_code == 403


def test_the_document_links_a_new_row_to_the_operations_on_it(app):
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    created = spec["paths"]["/parties.client/{record_id}/contacts"]["post"]["responses"]["201"]
    unlink = created["links"]["parties_people_api_unlink_contact_delete"]
    assert unlink["parameters"] == {"record_id": "$request.path.record_id",
                                    "contact_id": "$response.body#/contact_id"}
    address = spec["paths"]["/parties.client/{record_id}/addresses"]["post"]["responses"]
    assert address["201"]["links"]["parties_people_api_remove_address_delete"][
        "parameters"]["address_id"] == "$response.body#/id"
    client = spec["paths"]["/parties.client"]["post"]["responses"]["201"]["links"]
    assert client["parties_people_api_add_contact_post"]["parameters"] == {
        "record_id": "$response.body#/id"}
