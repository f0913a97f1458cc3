"""Demo clients: identifiers valid for their countries, loaded once with contacts and addresses."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.identifiers import normalise
from core.kernel import kontora
from plugins.parties.demo import demo_clients
from plugins.parties.models import Client, ClientContact

IDENTIFIERS = ("tax_id", "vat_number", "trade_register_no", "personal_id")


@pytest.mark.parametrize("data", demo_clients(), ids=lambda d: d["name"])
def test_every_demo_identifier_is_valid_and_already_compact(data):
    for field in IDENTIFIERS:
        if data.get(field):
            assert normalise(field, data["country"], data[field]) == data[field]
    for account in data.get("bank_accounts", []):
        assert normalise("iban", None, account["iban"]) == account["iban"]


def test_demo_covers_four_countries_and_three_kinds():
    data = demo_clients()
    assert {d["country"] for d in data} >= {"RO", "BG", "RU", "GB"}
    assert {d["kind"] for d in data} == {"legal_entity", "sole_trader", "private_person"}


def test_demo_loads_once_with_contacts_and_addresses(app):
    k = kontora(app)
    with app.app_context():
        for _run in range(2):
            with k.db.unit() as s:
                k.pm.hook.kontora_demo_data(session=s)
        with k.db.unit() as s:
            assert s.scalar(select(func.count()).select_from(Client)) == len(demo_clients())
            assert s.scalar(select(func.count()).select_from(ClientContact)) >= 5
            romanian = s.scalar(select(Client).where(Client.name == "Carpați Construct SRL"))
            assert romanian.default_address("registered").city == "București"
            assert romanian.default_address("delivery") is not None
