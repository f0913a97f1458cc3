"""Client services: requisites validated per country and kind, permissions, record rules."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core.errors import Forbidden, NotAuthenticated, ValidationError
from core.kernel import kontora
from plugins.parties import services
from plugins.parties.exceptions import ClientNotFound, StaleClient
from plugins.parties.models import Client
from tests.plugins.parties.conftest import staff

ALFA = {"kind": "legal_entity", "name": "Alfa Construct SRL", "country": "ro",
        "tax_id": "RO 185 472 90", "vat_number": "185 472 90",
        "trade_register_no": "J52/750/2012", "email": "Office@Alfa.example.ro",
        "addresses": [{"use": "registered", "street": "Str. Lunga 1", "city": "Brasov",
                       "country": "RO"}],
        "bank_accounts": [{"iban": "RO49 AAAA 1B31 0075 9384 0000", "currency": "RON"}],
        "tags": ["construction"]}


def test_create_stores_compact_identifiers_owner_and_children(ctx):
    client = services.create_client(ctx["as_ann"], ALFA)
    assert (client.country, client.tax_id, client.vat_number) == ("RO", "18547290", "RO18547290")
    assert client.email == "office@alfa.example.ro"
    assert client.status == "prospect"
    assert client.owner_id == client.created_by_id == ctx["ann"].id
    assert client.default_address("registered").city == "Brasov"
    assert client.bank_accounts[0].iban == "RO49AAAA1B31007593840000"
    assert client.bank_accounts[0].is_default
    assert [t.name for t in client.tags] == ["construction"]


def test_bad_identifiers_come_back_as_field_errors(ctx):
    data = {**ALFA, "tax_id": "18547291", "vat_number": "RO18547291",
            "bank_accounts": [{"iban": "RO49AAAA1B31007593840001", "currency": "RON"}]}
    with pytest.raises(ValidationError) as err:
        services.create_client(ctx["as_ann"], data)
    fields = err.value.fields
    assert "check digit" in fields["tax_id"][0] and "CUI/CIF" in fields["tax_id"][0]
    assert "VAT number" in fields["vat_number"][0]
    assert "IBAN" in fields["bank_accounts.0.iban"][0]
    assert err.value.status == 422


def test_requisites_that_do_not_exist_for_the_kind_are_refused(ctx):
    with pytest.raises(ValidationError) as err:
        services.create_client(ctx["as_ann"], {**ALFA, "personal_id": "1630615123457"})
    assert "personal_id" in err.value.fields
    person = services.create_client(ctx["as_ann"], {
        "kind": "private_person", "name": "Ion Pop", "country": "RO",
        "personal_id": "1630615123457"})
    assert person.personal_id == "1630615123457"


def test_update_revalidates_identifiers_against_a_new_country(ctx):
    client = services.create_client(ctx["as_ann"], ALFA)
    with pytest.raises(ValidationError) as err:
        services.update_client(ctx["as_ann"], client.id, {"country": "BG"})
    assert "EIK/BULSTAT" in err.value.fields["tax_id"][0]
    updated = services.update_client(ctx["as_ann"], client.id,
                                     {"status": "customer", "name": "Alfa Construct SA"},
                                     expected_version=client.version)
    assert (updated.status, updated.name_key) == ("customer", "alfa construct")


def test_update_with_a_stale_version_conflicts(ctx):
    client = services.create_client(ctx["as_ann"], ALFA)
    services.update_client(ctx["as_ann"], client.id, {"phone": "+40 1"})
    with pytest.raises(StaleClient):
        services.update_client(ctx["as_ann"], client.id, {"phone": "+40 2"},
                               expected_version=1)


def test_unknown_fields_are_refused_not_ignored(ctx):
    client = services.create_client(ctx["as_ann"], ALFA)
    with pytest.raises(ValidationError) as err:
        services.update_client(ctx["as_ann"], client.id, {"name_key": "x", "id": 5})
    assert set(err.value.fields) == {"id", "name_key"}


def test_permissions_are_required(ctx):
    reader = staff(ctx["bob"], "all", "parties.read")
    with pytest.raises(NotAuthenticated):
        services.create_client(None, ALFA)
    with pytest.raises(Forbidden):
        services.create_client(reader, ALFA)
    client = services.create_client(ctx["as_ann"], ALFA)
    assert services.get_client(reader, client.id) is client
    with pytest.raises(Forbidden):
        services.update_client(reader, client.id, {"phone": "1"})
    with pytest.raises(Forbidden):
        services.delete_client(staff(ctx["bob"], "all", "parties.read", "parties.write"),
                               client.id)


def test_record_rules_hide_other_owners_clients(ctx):
    client = services.create_client(ctx["as_ann"], ALFA)
    bob_own = staff(ctx["bob"], "own")
    with pytest.raises(ClientNotFound):
        services.get_client(bob_own, client.id)
    with pytest.raises(ClientNotFound):
        services.update_client(bob_own, client.id, {"phone": "1"})
    with pytest.raises(ClientNotFound):
        services.add_address(bob_own, client.id, {"use": "delivery", "street": "x",
                                                  "city": "y", "country": "RO"})
    assert services.get_client(ctx["as_bob"], client.id) is client  # scope "all"


def test_giving_a_client_to_someone_else_needs_scope_all(ctx):
    own = staff(ctx["ann"], "own")
    with pytest.raises(Forbidden):
        services.create_client(own, {**ALFA, "owner_id": ctx["bob"].id})
    client = services.create_client(ctx["as_ann"], {**ALFA, "owner_id": ctx["bob"].id})
    assert client.owner_id == ctx["bob"].id


def test_delete_removes_the_client(ctx):
    client = services.create_client(ctx["as_ann"], ALFA)
    services.delete_client(ctx["as_ann"], client.id)
    assert ctx["session"].scalar(select(Client).where(Client.id == client.id)) is None


def test_signals_are_announced_after_commit(app):
    from core.identity.models import User

    k = kontora(app)
    heard = []
    k.events.connect("parties.client-created", lambda sender, **kw: heard.append((sender, kw)))
    with app.app_context():
        with k.db.unit() as s:
            user = User(login="cara", name="Cara")
            s.add(user)
            s.flush()
            client = services.create_client(staff(user), ALFA)
            assert heard == []
        assert heard == [(client.id, {"principal_id": user.id, "kind": "legal_entity",
                                      "status": "prospect"})]


def test_changes_are_audited_with_the_actor(ctx):
    from core.audit.models import AuditEntry

    client = services.create_client(ctx["as_ann"], ALFA)
    services.update_client(ctx["as_ann"], client.id, {"status": "customer"})
    entries = ctx["session"].scalars(select(AuditEntry).where(
        AuditEntry.record_kind == "parties.client", AuditEntry.record_id == client.id)
        .order_by(AuditEntry.id)).all()
    assert [e.action for e in entries] == ["create", "status"]
    assert entries[1].changes["status"] == ["prospect", "customer"]
    assert entries[1].actor_id == ctx["ann"].id
