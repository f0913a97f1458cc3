"""Client imports through the API: upload, mapping, dry run, run, status and problems."""

from __future__ import annotations

import io

BASE = "/api/v1/parties/imports"
IMPORTER = ["parties.read", "parties.write", "parties.import"]
FILE = ("Name;Country;CUI;Email\n"
        "Alfa Construct SRL;RO;18547290;office@alfa.example.ro\n"
        "Beta SRL;RO;18547291;\n"
        "Gama Trade SRL;RO;;gama@example.ro\n")
MAPPING = {"0": "name", "1": "country", "2": "tax_id", "3": "email"}


def _upload(api, text=FILE, name="clients.csv", target="clients"):
    return api.post(BASE, data={"target": target,
                                "file": (io.BytesIO(text.encode("utf-8-sig")), name)},
                    content_type="multipart/form-data")


def test_upload_dry_run_then_import(api_as):
    api = api_as("ann", IMPORTER)
    uploaded = _upload(api)
    assert uploaded.status_code == 201, uploaded.get_json()
    run = uploaded.get_json()
    assert run["columns"] == ["Name", "Country", "CUI", "Email"]
    assert run["mapping"] == MAPPING and run["status"] == "uploaded"
    assert {"name", "country"} <= {f["name"] for f in run["fields"] if f["required"]}
    url = f"{BASE}/{run['id']}"

    dry = api.post(f"{url}/start", json={"mapping": MAPPING, "dry_run": True})
    assert dry.status_code == 202, dry.get_json()
    checked = api.get(url).get_json()  # inline jobs: the run is over once the call returns
    assert (checked["status"], checked["dry_run"], checked["created_count"]) == (
        "done", True, 2)
    assert api.get("/api/v1/parties.client").get_json()["items"] == []
    problems = api.get(f"{url}/problems").get_json()
    # a bad check digit; row 1 is the header
    assert [(p["row"], p["field"]) for p in problems] == [(3, "tax_id")]

    real = api.post(f"{url}/start", json={"mapping": MAPPING, "dry_run": False,
                                          "duplicates": "skip"})
    assert real.status_code == 202
    done = api.get(url).get_json()
    assert (done["status"], done["created_count"], done["failed_count"]) == ("done", 2, 1)
    names = {c["name"] for c in api.get("/api/v1/parties.client").get_json()["items"]}
    assert names == {"Alfa Construct SRL", "Gama Trade SRL"}
    again = api.post(f"{url}/start", json={"mapping": MAPPING, "dry_run": False})
    assert again.status_code == 422 and "status" in again.get_json()["fields"]
    assert [r["id"] for r in api.get(BASE).get_json()] == [run["id"]]


def test_bad_uploads_and_mappings_name_the_field(api_as):
    api = api_as("ann", IMPORTER)
    for response, field in ((_upload(api, name="notes.pdf"), "file"),
                            (_upload(api, target="orders"), "target"),
                            (api.post(BASE, data={"target": "clients"},
                                      content_type="multipart/form-data"), "file")):
        assert response.status_code == 422 and field in response.get_json()["fields"]
    assert api.post(BASE, json={"target": "clients"}).status_code == 415
    run = _upload(api).get_json()
    start = f"{BASE}/{run['id']}/start"
    for body, field in (({"mapping": {**MAPPING, "1": ""}}, "field.country"),
                        ({"mapping": {**MAPPING, "9": "notes"}}, "column.9"),
                        ({"mapping": {**MAPPING, "3": "shoe_size"}}, "column.3"),
                        ({"mapping": {"x": "name"}}, "mapping"),
                        ({"mapping": MAPPING, "duplicates": "merge"}, "duplicates"),
                        ({"mapping": MAPPING, "dry_run": "no"}, "dry_run"),
                        ({}, "mapping")):
        refused = api.post(start, json=body)
        assert refused.status_code == 422, body
        assert any(k.startswith(field) for k in refused.get_json()["fields"]), (
            body, refused.get_json())


def test_imports_are_their_starter_s_and_need_the_permission(api_as):
    ann = api_as("ann", IMPORTER)
    bob = api_as("bob", IMPORTER)
    run = _upload(ann).get_json()
    assert bob.get(f"{BASE}/{run['id']}").status_code == 404
    assert bob.post(f"{BASE}/{run['id']}/start", json={"mapping": MAPPING}).status_code == 404
    assert bob.get(BASE).get_json() == []
    reader = api_as("rita", ["parties.read"])
    assert _upload(reader).status_code == 403
    assert reader.get(BASE).status_code == 403
    no_write = api_as("ivo", ["parties.read", "parties.import"])
    own = _upload(no_write).get_json()
    assert no_write.post(f"{BASE}/{own['id']}/start", json={"mapping": MAPPING}).status_code \
        == 403
