"""A client's contact persons as vCards through the API: the client page's export and
import, under the client's record rule and ``parties.write`` for adding people."""

from __future__ import annotations

CLIENTS = "/api/v1/parties.client"
WRITER = ["parties.read", "parties.write"]
CARDS = ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ioana Pop\r\nTITLE:CFO\r\n"
         "EMAIL;PREF=1:ioana@delta.ro\r\nTEL:+40 721 000 111\r\nEND:VCARD\r\n"
         "BEGIN:VCARD\nVERSION:3.0\nN:Ene;Dan;;;\nEMAIL:not-an-address\nEND:VCARD\n")


def _client(api, name="Delta Impex SRL"):
    made = api.post(CLIENTS, json={"kind": "legal_entity", "name": name, "country": "RO"})
    assert made.status_code == 201, made.get_json()
    return made.get_json()["id"]


def test_cards_are_imported_and_exported(api_as):
    api = api_as("ann", WRITER)
    url = f"{CLIENTS}/{_client(api)}/contacts/vcard"
    imported = api.post(url, data=CARDS.encode(), headers={"Content-Type": "text/vcard"})
    assert imported.status_code == 200, imported.get_json()
    body = imported.get_json()
    assert body["added"] == 1 and len(body["problems"]) == 1
    assert "Dan Ene" in body["problems"][0]

    exported = api.get(url)
    assert exported.status_code == 200 and exported.mimetype == "text/vcard"
    text = exported.get_data(as_text=True)
    assert "FN:Ioana Pop\r\n" in text and "ORG:Delta Impex SRL\r\n" in text
    contact_id = api.get(url.removesuffix("/vcard")).get_json()[0]["contact_id"]
    one = api.get(url.replace("/vcard", f"/{contact_id}/vcard"))
    assert one.status_code == 200 and "FN:Ioana Pop\r\n" in one.get_data(as_text=True)
    assert api.get(url.replace("/vcard", "/987654/vcard")).status_code == 404


def test_not_a_vcard_names_the_file_and_rules_hold(api_as):
    ann = api_as("ann", WRITER, scope="own")
    url = f"{CLIENTS}/{_client(ann)}/contacts/vcard"
    for junk in (b"FN:Nobody\n", b"\xff\xfe\x00garbage"):
        refused = ann.post(url, data=junk, headers={"Content-Type": "text/vcard"})
        assert refused.status_code == 422 and "file" in refused.get_json()["fields"]
    reader = api_as("rita", ["parties.read"])
    assert reader.get(url).status_code == 200
    assert reader.post(url, data=CARDS.encode(),
                       headers={"Content-Type": "text/vcard"}).status_code == 403
    bob = api_as("bob", WRITER, scope="own")  # ann's client is hidden from him
    assert bob.get(url).status_code == 404
    assert bob.post(url, data=CARDS.encode(),
                    headers={"Content-Type": "text/vcard"}).status_code == 404
