"""The client page's arrangement and the client list's export through the API, with the
pages' services: one user's layout is theirs alone, the export needs its permission."""

from __future__ import annotations

import csv
import io

CLIENTS = "/api/v1/parties.client"


def _client(api, name: str) -> int:
    made = api.post(CLIENTS, json={"kind": "legal_entity", "name": name, "country": "RO"})
    assert made.status_code == 201, made.get_json()
    return made.get_json()["id"]


def test_each_user_arranges_the_client_page_for_themselves(api_as):
    ann = api_as("ann", ["parties.read", "parties.write"])
    bob = api_as("bob", ["parties.read"])
    client = _client(ann, "Delta Impex SRL")
    url = f"{CLIENTS}/{client}/sections"
    keys = [s["key"] for s in ann.get(url).get_json()]
    assert keys[:3] == ["parties.contacts", "parties.addresses", "parties.bank_accounts"]

    moved = ann.post(f"{url}/parties.addresses", json={"action": "up"})
    assert moved.status_code == 200, moved.get_json()
    assert [s["key"] for s in moved.get_json()][:2] == ["parties.addresses", "parties.contacts"]
    hidden = ann.post(f"{url}/parties.bank_accounts", json={"action": "hide"}).get_json()
    assert next(s for s in hidden if s["key"] == "parties.bank_accounts")["hidden"] is True
    assert [s["key"] for s in bob.get(url).get_json()] == keys  # bob's page is as it was
    assert not any(s["hidden"] for s in bob.get(url).get_json())

    wrong = ann.post(f"{url}/parties.addresses", json={"action": "sideways"})
    assert wrong.status_code == 422 and "action" in wrong.get_json()["fields"]
    assert ann.post(f"{url}/nothing.here", json={"action": "up"}).status_code == 422
    assert ann.get(f"{CLIENTS}/999999/sections").status_code == 404


def test_the_client_list_exports_as_csv_and_xlsx_with_the_list_s_search(api_as):
    ann = api_as("ann", ["parties.read", "parties.write", "parties.export"])
    _client(ann, "Delta Impex SRL")
    _client(ann, "Carpați Construct SRL")
    answer = ann.get(f"{CLIENTS}/export?format=csv&q=carpati")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))
    assert [r[1] for r in rows[1:]] == ["Carpați Construct SRL"]
    xlsx = ann.get(f"{CLIENTS}/export?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.get_data()[:2] == b"PK"
    assert ann.get(f"{CLIENTS}/export?format=pdf").status_code == 422
    reader = api_as("bob", ["parties.read"])
    assert reader.get(f"{CLIENTS}/export?format=csv").status_code == 403
