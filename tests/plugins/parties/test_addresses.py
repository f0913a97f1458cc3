"""Addresses by use: one default per use, kept by the service and by a partial unique index."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from plugins.parties import services
from plugins.parties.models import Address

CLIENT = {"kind": "legal_entity", "name": "Gamma SRL", "country": "RO"}


def addr(use: str, city: str, **extra) -> dict:
    return {"use": use, "street": "Str. 1", "city": city, "country": "ro", **extra}


def defaults(client) -> dict[str, str]:
    return {a.use: a.city for a in client.addresses if a.is_default}


def test_the_first_address_of_each_use_becomes_its_default(ctx):
    client = services.create_client(ctx["as_ann"], CLIENT)
    services.add_address(ctx["as_ann"], client.id, addr("delivery", "Arad"))
    services.add_address(ctx["as_ann"], client.id, addr("delivery", "Deva"))
    services.add_address(ctx["as_ann"], client.id, addr("registered", "Cluj"))
    assert defaults(client) == {"delivery": "Arad", "registered": "Cluj"}


def test_setting_a_default_moves_it_within_the_use_only(ctx):
    client = services.create_client(ctx["as_ann"], CLIENT)
    services.add_address(ctx["as_ann"], client.id, addr("delivery", "Arad"))
    deva = services.add_address(ctx["as_ann"], client.id, addr("delivery", "Deva"))
    services.add_address(ctx["as_ann"], client.id, addr("correspondence", "Iasi"))
    services.set_default_address(ctx["as_ann"], deva.id)
    ctx["session"].expire_all()
    assert defaults(client) == {"delivery": "Deva", "correspondence": "Iasi"}
    services.add_address(ctx["as_ann"], client.id, addr("delivery", "Alba", is_default=True))
    ctx["session"].expire_all()
    assert defaults(client) == {"delivery": "Alba", "correspondence": "Iasi"}


def test_removing_the_default_hands_it_to_another_of_the_use(ctx):
    client = services.create_client(ctx["as_ann"], CLIENT)
    arad = services.add_address(ctx["as_ann"], client.id, addr("delivery", "Arad"))
    services.add_address(ctx["as_ann"], client.id, addr("delivery", "Deva"))
    services.remove_address(ctx["as_ann"], arad.id)
    ctx["session"].expire_all()
    assert defaults(client) == {"delivery": "Deva"}


def test_create_with_addresses_keeps_one_default_per_use(ctx):
    client = services.create_client(ctx["as_ann"], {**CLIENT, "addresses": [
        addr("delivery", "Arad"), addr("delivery", "Deva", is_default=True),
        addr("registered", "Cluj")]})
    assert defaults(client) == {"delivery": "Deva", "registered": "Cluj"}


def test_the_database_refuses_a_second_default(ctx):
    client = services.create_client(ctx["as_ann"], CLIENT)
    services.add_address(ctx["as_ann"], client.id, addr("delivery", "Arad"))
    sess = ctx["session"]
    with pytest.raises(IntegrityError), sess.begin_nested():
        sess.add(Address(client_id=client.id, use="delivery", street="x", city="Deva",
                         country="RO", is_default=True))
        sess.flush()
    sess.add(Address(client_id=client.id, use="delivery", street="x", city="Deva",
                     country="RO", is_default=False))
    sess.flush()  # many non-default addresses are fine


def test_bad_address_input_is_a_field_error(ctx):
    from core.errors import ValidationError

    client = services.create_client(ctx["as_ann"], CLIENT)
    with pytest.raises(ValidationError) as err:
        services.add_address(ctx["as_ann"], client.id, {"use": "holiday", "city": ""})
    assert {"use", "street", "city", "country"} <= set(err.value.fields)
