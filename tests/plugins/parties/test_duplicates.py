"""Duplicate detection on create: same tax id, VAT number or e-mail, or a similar name."""

from __future__ import annotations

import pytest

from plugins.parties import services
from plugins.parties.duplicates import name_key
from plugins.parties.exceptions import PossibleDuplicate

BASE = {"kind": "legal_entity", "name": "Alfa Construct SRL", "country": "RO",
        "tax_id": "18547290", "email": "office@alfa.example.ro"}


@pytest.mark.parametrize(("a", "b"), [
    ("S.C. Alfa Construct S.R.L.", "Alfa Construct SRL"),
    ("ALFA  CONSTRUCT", "alfa construct s.a."),
    ("Balkan Trade EOOD", "balkan trade"),
    ("Ştefan & Fiii", "Stefan Fiii"),
])
def test_name_keys_fold_case_accents_punctuation_and_legal_forms(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("change", "reason"), [
    ({"name": "Other name", "email": None, "tax_id": "RO 185 472 90"}, "tax_id"),
    ({"name": "Other name", "tax_id": None, "email": "OFFICE@alfa.example.ro"}, "email"),
    ({"tax_id": None, "email": None, "name": "SC Construct Alfa SRL"}, "name"),
    ({"tax_id": None, "email": None, "name": "Alfa Constructt"}, "name"),
])
def test_look_alikes_are_reported_with_the_reason(ctx, change, reason):
    existing = services.create_client(ctx["as_ann"], BASE)
    with pytest.raises(PossibleDuplicate) as err:
        services.create_client(ctx["as_bob"], {**BASE, **change})
    (candidate,) = err.value.candidates
    assert candidate.client_id == existing.id
    assert reason in candidate.reasons
    body = err.value.to_dict()
    assert body["error"] == "possible_duplicate" and body["candidates"][0]["id"] == existing.id


def test_a_contacts_email_counts_too(ctx):
    existing = services.create_client(ctx["as_ann"], {**BASE, "email": None})
    services.add_contact(ctx["as_ann"], existing.id, {"contact": {
        "name": "Ana", "methods": [{"channel": "email", "value": "ana@alfa.example.ro"}]}})
    with pytest.raises(PossibleDuplicate) as err:
        services.create_client(ctx["as_ann"], {"kind": "legal_entity", "name": "Zeta",
                                               "country": "RO", "email": "ana@alfa.example.ro"})
    assert err.value.candidates[0].reasons == ["email"]


def test_different_clients_pass_and_duplicates_can_be_confirmed(ctx):
    services.create_client(ctx["as_ann"], BASE)
    services.create_client(ctx["as_ann"], {"kind": "legal_entity", "name": "Beta Impex SRL",
                                           "country": "RO"})
    again = services.create_client(ctx["as_ann"], BASE, allow_duplicate=True)
    assert again.id
