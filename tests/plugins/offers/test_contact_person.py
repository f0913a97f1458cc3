"""An offer names one of its client's contact persons: the offer is e-mailed to them, a
person of another client is refused naming the field, the API shows and takes the id, and
the contact picker lists only the chosen client's people."""

from __future__ import annotations

import pytest

from core.errors import ValidationError
from core.identity.users import staff_session_id
from plugins.offers import services
from plugins.parties.services.contacts import add_contact
from tests.core.api.support import bearer
from tests.core.web.conftest import Browser
from tests.plugins.offers.conftest import make_client


def _person(principal, client_id, name, email):
    return add_contact(principal, client_id, {"contact": {
        "name": name, "methods": [{"channel": "email", "value": email}]}}).contact_id


def test_the_offer_goes_to_the_named_contact_person(world):
    ann = world["as_ann"]
    maria = _person(ann, world["client"].id, "Maria Ionescu", "maria@carpati.test")
    other = make_client("Dunărea SRL", world["ann"])
    stranger = _person(ann, other.id, "Ivan Petrov", "ivan@dunarea.test")
    offer = services.create_offer(ann, {"title": "Racks", "currency": "RON",
                                        "party_id": world["client"].id, "contact_id": maria})
    assert offer.contact_id == maria and offer.recipient_email == "maria@carpati.test"

    with pytest.raises(ValidationError) as refused:
        services.update_offer(ann, offer.id, {"contact_id": stranger})
    assert set(refused.value.fields) == {"contact_id"}
    with pytest.raises(ValidationError) as moved:
        services.update_offer(ann, offer.id, {"party_id": other.id})
    assert set(moved.value.fields) == {"contact_id"}
    changed = services.update_offer(ann, offer.id, {"party_id": other.id,
                                                    "contact_id": stranger})
    assert changed.recipient_email == "ivan@dunarea.test"


def test_api_and_contact_picker(app, world):
    ann = world["as_ann"]
    maria = _person(ann, world["client"].id, "Maria Ionescu", "maria@carpati.test")
    other = make_client("Dunărea SRL", world["ann"])
    _person(ann, other.id, "Maria Petrova", "petrova@dunarea.test")
    client_id, headers = world["client"].id, bearer(world["ann"])
    world["session"].commit()
    api = app.test_client()
    made = api.post("/api/v1/offers.offer", headers=headers, json={
        "title": "Racks", "currency": "RON", "party_id": client_id, "contact_id": maria})
    assert made.status_code == 201 and made.get_json()["contact_id"] == maria
    bad = api.post("/api/v1/offers.offer", headers=headers, json={
        "title": "Racks", "currency": "RON", "party_id": client_id, "contact_id": 999999})
    assert bad.status_code == 422 and "contact_id" in bad.get_json()["fields"]

    web = Browser(app, world["ann"].id, staff_session_id(world["ann"]))
    picked = web.get(f"/pick/parties.contact?client_id={client_id}&q=maria").get_json()
    assert [r["label"] for r in picked["results"]] == ["Maria Ionescu"]
    assert len(web.get("/pick/parties.contact?q=maria").get_json()["results"]) == 2
    assert web.get("/pick/parties.contact?client_id=abc").status_code == 422
