"""The portal API: staff invite a client's contact person as from the client's profile,
permission and record rule checked, bad input named, in the OpenAPI document."""

from __future__ import annotations

from core.app import kontora
from tests.core.api.support import bearer
from tests.plugins.orders.conftest import make_user
from tests.plugins.portal.conftest import last_link


def test_staff_invite_a_contact_through_the_api(papp, smtp_inbox, two_clients):
    with papp.app_context(), kontora(papp).db.unit():
        inviter = bearer(make_user("ina", ["portal.invite", "parties.read"]))
        own = bearer(make_user("olga", ["portal.invite", "parties.read"], scope="own"))
        reader = bearer(make_user("rob", ["parties.read"]))
    api = papp.test_client()
    url = f"/api/v1/parties.client/{two_clients['a']}/portal-users"
    person = {"email": "ioana@alfa.test", "name": "Ioana Pop"}
    made = api.post(url, headers=inviter, json=person)
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["email"] == "ioana@alfa.test"
    assert made.get_json()["has_password"] is False
    assert smtp_inbox.messages[-1]["To"] == "ioana@alfa.test" and last_link(smtp_inbox)
    again = api.post(url, headers=inviter, json=person)
    assert again.status_code == 201 and again.get_json()["id"] == made.get_json()["id"]
    listed = api.get(url, headers=inviter).get_json()
    assert [u["email"] for u in listed] == ["ioana@alfa.test"]

    bad = api.post(url, headers=inviter, json={"email": "not-an-address", "name": ""})
    assert bad.status_code == 422 and {"email", "name"} <= set(bad.get_json()["fields"])
    assert api.post(url, headers=reader, json=person).status_code == 403
    assert api.get(url, headers=reader).status_code == 403
    assert api.post(url, headers=own, json=person).status_code == 404  # not olga's client
    assert api.post("/api/v1/parties.client/999999/portal-users", headers=inviter,
                    json=person).status_code == 404
    spec = api.get("/api/v1/openapi.json").get_json()
    assert "post" in spec["paths"]["/parties.client/{record_id}/portal-users"]
