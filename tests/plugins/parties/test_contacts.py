"""Contact persons: one person speaking for several clients, each link with its own role."""

from __future__ import annotations

import pytest

from core.errors import ValidationError
from plugins.parties import services

ANA = {"name": "Ana Marin", "job_title": "CFO", "preferred_channel": "phone",
       "responsibilities": ["finance", "management"], "available_hours": "Mon-Fri 9-13",
       "methods": [{"channel": "email", "value": " Ana@Example.RO "},
                   {"channel": "phone", "value": "+40  21 000 1111", "preferred": True}]}


def client(ctx, name: str):
    return services.create_client(ctx["as_ann"], {"kind": "legal_entity", "name": name,
                                                  "country": "RO"})


def test_one_person_is_a_contact_of_two_clients_with_different_roles(ctx):
    first, second = client(ctx, "Alfa"), client(ctx, "Omega Beta")
    link = services.add_contact(ctx["as_ann"], first.id, {"contact": ANA, "role": "CFO"})
    person = link.contact
    services.add_contact(ctx["as_ann"], second.id,
                         {"contact_id": person.id, "role": "Board member"})
    assert sorted((lk.client.name, lk.role) for lk in person.client_links) == [
        ("Alfa", "CFO"), ("Omega Beta", "Board member")]
    assert [m.value for m in person.methods] == ["ana@example.ro", "+40 21 000 1111"]
    assert person.preferred_method().channel == "phone"
    assert link.is_primary  # the first contact of a client

    services.unlink_contact(ctx["as_ann"], first.id, person.id)
    assert [lk.client.name for lk in person.client_links] == ["Omega Beta"]


def test_linking_twice_or_giving_both_forms_is_refused(ctx):
    alfa = client(ctx, "Alfa")
    person = services.add_contact(ctx["as_ann"], alfa.id, {"contact": ANA}).contact
    with pytest.raises(ValidationError):
        services.add_contact(ctx["as_ann"], alfa.id, {"contact_id": person.id})
    with pytest.raises(ValidationError):
        services.add_contact(ctx["as_ann"], alfa.id, {"contact_id": person.id, "contact": ANA})


def test_contact_input_is_validated(ctx):
    alfa = client(ctx, "Alfa")
    bad = {**ANA, "responsibilities": ["astrology"],
           "methods": [{"channel": "email", "value": "not-an-address"}]}
    with pytest.raises(ValidationError) as err:
        services.add_contact(ctx["as_ann"], alfa.id, {"contact": bad})
    assert "contact.responsibilities.0" in err.value.fields
    assert "contact.methods.0.value" in err.value.fields


def test_update_contact_replaces_methods(ctx):
    alfa = client(ctx, "Alfa")
    person = services.add_contact(ctx["as_ann"], alfa.id, {"contact": ANA}).contact
    services.update_contact(ctx["as_ann"], person.id, {
        "job_title": "CEO", "methods": [{"channel": "mobile", "value": "+40 722 000 000"}]})
    assert person.job_title == "CEO"
    assert [(m.channel, m.value) for m in person.methods] == [("mobile", "+40 722 000 000")]
