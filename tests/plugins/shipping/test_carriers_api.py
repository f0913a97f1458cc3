"""The carrier register through the API: bad input is a 422 naming the field (never a 500
or a 409 from the unique index), and a carrier no shipment names can be removed."""

from __future__ import annotations

from plugins.shipping import services
from tests.core.api.support import bearer
from tests.plugins.shipping.conftest import (
    STAFF,
    as_staff,
    confirmed_order,
    make_carrier,
    make_user,
    unit,
)

API = "/api/v1/shipping.carrier"
TRACKING = "https://track.example/?awb={tracking}"


def _fields(response) -> set[str]:
    assert response.status_code == 422, response.get_json()
    return set(response.get_json()["fields"])


def test_bad_carriers_are_refused_naming_the_field(sapp):
    headers = unit(sapp, lambda: bearer(make_user("ann", STAFF)))
    api = sapp.test_client()
    made = api.post(API, headers=headers, json={"name": " Rapid ", "tracking_url": TRACKING})
    assert made.status_code == 201 and made.get_json()["name"] == "Rapid"
    other = api.post(API, headers=headers, json={"name": "Slow"}).get_json()

    # the message names {tracking}, which once broke its own formatting (a 500)
    assert _fields(api.post(API, headers=headers, json={
        "name": "Nowhere", "tracking_url": "https://track.example/"})) == {"tracking_url"}
    assert _fields(api.post(API, headers=headers, json={
        "name": "Spaced", "tracking_url": "https://track.example/ {tracking}"})) \
        == {"tracking_url"}
    braces = api.post(API, headers=headers, json={
        "name": "Braces", "tracking_url": "https://t.example/{x}/{tracking}"})
    assert braces.status_code == 201, braces.get_json()
    # blanks only would be stored as an empty name
    assert _fields(api.post(API, headers=headers, json={"name": "\t"})) == {"name"}
    assert _fields(api.patch(f"{API}/{other['id']}", headers=headers,
                             json={"name": " "})) == {"name"}
    # taking another carrier's name: 422 from the check, not 409 from the unique index
    renamed = api.patch(f"{API}/{other['id']}", headers=headers, json={"name": "Rapid"})
    assert _fields(renamed) == {"name"}
    assert api.get(f"{API}/{other['id']}", headers=headers).get_json()["name"] == "Slow"


def test_a_carrier_no_shipment_names_can_be_removed(sapp):
    def setup():
        ann = make_user("ann", STAFF)
        reader = make_user("rita", ["shipping.read"])
        used = make_carrier(as_staff(ann))
        _client, order = confirmed_order(ann)
        services.create_shipment(as_staff(ann), {"order_id": order.id,
                                                 "carrier_id": used.id})
        return bearer(ann), bearer(reader), used.id

    headers, reader, used_id = unit(sapp, setup)
    api = sapp.test_client()
    spare = api.post(API, headers=headers, json={"name": "Spare"}).get_json()
    assert api.delete(f"{API}/{spare['id']}", headers=reader).status_code == 403
    assert api.delete(f"{API}/{spare['id']}", headers=headers).status_code == 204
    assert api.get(f"{API}/{spare['id']}", headers=headers).status_code == 404
    assert api.delete(f"{API}/{spare['id']}", headers=headers).status_code == 404
    kept = api.delete(f"{API}/{used_id}", headers=headers)
    assert kept.status_code == 409 and "inactive" in kept.get_json()["message"]
    assert api.get(f"{API}/{used_id}", headers=headers).status_code == 200
