"""Merging a duplicate client moves the rows of every plugin, then deletes the duplicate."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, insert, select

from core.audit import trail
from core.conversions.models import DocumentLink
from core.errors import Forbidden
from core.identity.models import PortalUser
from core.kernel import kontora
from core.web.models import Notification
from plugins.catalog.models import ClientService, Product
from plugins.parties import services
from plugins.parties.exceptions import ClientNotFound, InvalidClientData
from plugins.parties.models import Address, BankAccount, Client, ClientContact
from tests.plugins.parties import merge_plugin
from tests.plugins.parties.conftest import staff

MERGER = ("parties.read", "parties.write", "parties.delete", "parties.merge")


@pytest.fixture
def marks(app: Any) -> Iterator[Any]:
    """The test plugin's table and hook, for this test's application only."""
    k = kontora(app)
    merge_plugin.metadata.create_all(k.db.engine)
    k.pm.register(merge_plugin)
    yield merge_plugin.marks
    merge_plugin.metadata.drop_all(k.db.engine)


def _client(principal: Any, name: str, **extra: Any) -> Client:
    data = {"kind": "legal_entity", "name": name, "country": "RO", **extra}
    return services.create_client(principal, data, allow_duplicate=True)


def _setup(ctx: dict[str, Any], marks: Any) -> tuple[Any, Client, Client]:
    s, me = ctx["session"], staff(ctx["ann"], "all", *MERGER)
    services.define_custom_field(ctx["admin"], {"code": "employees", "label": "Employees",
                                                "type": "number"})
    services.define_custom_field(ctx["admin"], {"code": "region", "label": "Region",
                                                "type": "text"})
    keep = _client(me, "Alfa Construct SRL", tags=["vip"], custom={"employees": 10},
                   addresses=[{"use": "registered", "street": "Str. Mare 1", "city": "Iasi",
                               "country": "RO"}],
                   bank_accounts=[{"iban": "RO49AAAA1B31007593840000", "currency": "RON"}])
    dup = _client(me, "Alfa Construct", tags=["vip", "north"],
                  custom={"employees": 12, "region": "Moldova"},
                  addresses=[{"use": "registered", "street": "Str. Mica 2", "city": "Iasi",
                              "country": "RO"},
                             {"use": "delivery", "street": "Depozit 3", "city": "Pascani",
                              "country": "RO"}],
                  bank_accounts=[{"iban": "RO09BCYP0000001234567890", "currency": "EUR"}])
    ion = services.add_contact(me, keep.id, {"contact": {"name": "Ion Pop"}}).contact
    services.add_contact(me, dup.id, {"contact_id": ion.id, "role": "buyer"})
    services.add_contact(me, dup.id, {"contact": {"name": "Maria Ionescu"},
                                      "is_primary": True})
    shared = Product(code="SUP", name="Support", price=Decimal("10"), currency="RON",
                     vat_rate=Decimal("19"), kind="service")
    extra = Product(code="HOST", name="Hosting", price=Decimal("5"), currency="RON",
                    vat_rate=Decimal("19"), kind="service")
    s.add_all([shared, extra])
    s.flush()
    s.add_all([ClientService(client_id=keep.id, product_id=shared.id),
               ClientService(client_id=dup.id, product_id=shared.id),
               ClientService(client_id=dup.id, product_id=extra.id)])
    s.add_all([DocumentLink(source_kind="parties.client", source_id=dup.id,
                            target_kind="sample.note", target_id=1),
               PortalUser(email="maria@example.ro", name="Maria",
                          record_kind="parties.client", record_id=dup.id),
               Notification(user_id=ctx["ann"].id, message="Look", link=f"/clients/{dup.id}")])
    s.execute(insert(marks), [{"client_id": keep.id, "label": "a"},
                              {"client_id": dup.id, "label": "a"},
                              {"client_id": dup.id, "label": "b"}])
    s.flush()
    return me, keep, dup


def _count(s: Any, column: Any, value: int) -> int:
    return s.scalar(select(func.count()).where(column == value))


def test_preview_lists_every_plugins_rows_and_changes_nothing(marks, ctx):
    me, keep, dup = _setup(ctx, marks)
    s = ctx["session"]
    plan = services.preview_merge(me, dup.id, keep.id)
    moved = {str(m["label"]): m["count"] for m in plan.moves}
    assert moved == {"Contact persons": 2, "Addresses": 2, "Bank accounts": 1, "Tags": 2,
                     "Custom fields": 2, "Document chain": 1, "Portal users": 1,
                     "Notifications": 1, "Marks": 2, "catalog_client_service": 2}
    assert _count(s, Address.client_id, dup.id) == 2
    assert _count(s, marks.c.client_id, dup.id) == 2
    assert s.get(Client, dup.id) is not None


def test_merge_moves_rows_of_every_plugin_and_deletes_the_duplicate(marks, ctx):
    me, keep, dup = _setup(ctx, marks)
    s = ctx["session"]
    services.merge_clients(me, dup.id, keep.id)
    s.expire_all()
    assert s.get(Client, dup.id) is None
    kept = s.get(Client, keep.id)
    # parties: the surviving client's defaults stay; the duplicate's rows come along
    assert sorted((a.use, a.is_default) for a in kept.addresses) == [
        ("delivery", True), ("registered", False), ("registered", True)]
    assert kept.default_address("registered").street == "Str. Mare 1"
    assert [(b.iban, b.is_default) for b in kept.bank_accounts] == [
        ("RO49AAAA1B31007593840000", True), ("RO09BCYP0000001234567890", False)]
    links = s.scalars(select(ClientContact).where(ClientContact.client_id == keep.id)).all()
    assert sorted(lk.contact.name for lk in links) == ["Ion Pop", "Maria Ionescu"]
    assert [lk.contact.name for lk in links if lk.is_primary] == ["Ion Pop"]
    assert [t.name for t in kept.tags] == ["north", "vip"]
    assert {v.field.code: v.value for v in kept.custom_values} == {"employees": 10.0,
                                                                   "region": "Moldova"}
    # catalog (no hook: the foreign-key sweep), clash dropped, the other row moved
    assert sorted(cs.product.code for cs in s.scalars(
        select(ClientService).where(ClientService.client_id == keep.id))) == ["HOST", "SUP"]
    # kernel rows
    assert s.scalar(select(DocumentLink.source_id)) == keep.id
    assert s.scalar(select(PortalUser.record_id)) == keep.id
    assert s.scalar(select(Notification.link)) == f"/clients/{keep.id}"
    # the test plugin's own hook
    assert sorted(s.execute(select(marks.c.client_id, marks.c.label))) == [
        (keep.id, "a"), (keep.id, "b")]
    # audit: history stays, the merge is recorded on both
    assert [e.changes for e in trail("parties.client", keep.id) if e.action == "merge"] == [
        {"merged_from": [None, f"Alfa Construct #{dup.id}"]}]
    dup_trail = trail("parties.client", dup.id)
    assert {e.action for e in dup_trail} >= {"create", "merge", "delete"}


def test_merge_needs_the_permission_and_two_visible_clients(marks, ctx):
    me, keep, dup = _setup(ctx, marks)
    writer = staff(ctx["ann"], "all", "parties.read", "parties.write", "parties.delete")
    with pytest.raises(Forbidden):
        services.merge_clients(writer, dup.id, keep.id)
    own_only = staff(ctx["bob"], "own", *MERGER)
    with pytest.raises(ClientNotFound):
        services.preview_merge(own_only, dup.id, keep.id)
    with pytest.raises(InvalidClientData) as err:
        services.merge_clients(me, keep.id, keep.id)
    assert "target_id" in err.value.fields
    assert ctx["session"].get(BankAccount, dup.bank_accounts[0].id) is not None
