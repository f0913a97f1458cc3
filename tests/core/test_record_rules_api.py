"""An own-scope user never sees another owner's record through the staff API.

One record of every owned kind is made straight through its model for user A; user B,
holding every kind's read permission at scope ``own``, must not find it in
``/api/v1/<kind>`` and gets 404 for ``/api/v1/<kind>/<id>``. A new owned kind with an API
list fails here until it gets a builder.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from core.db import session
from core.kernel import kontora
from tests.core.api.support import bearer, make_user


def _client(owner_id: int) -> Any:
    from plugins.parties.models import Client

    return Client(kind="legal_entity", name="Hidden SRL", name_key="hidden srl",
                  country="RO", owner_id=owner_id)


def _activity(owner_id: int) -> Any:
    from plugins.activities.models import Activity

    return Activity(type="call", status="scheduled", subject="Hidden call",
                    starts_at=datetime(2026, 1, 5, 9, tzinfo=UTC), owner_id=owner_id)


def _task(owner_id: int) -> Any:
    from plugins.activities.models import Task

    return Task(title="Hidden task", owner_id=owner_id)


def _lead(owner_id: int) -> Any:
    from sqlalchemy import select

    from plugins.leads.models import Lead, Pipeline, Stage

    stage = session().scalars(select(Stage).join(Pipeline)
                              .where(Pipeline.name == "Hidden pipeline")).first()
    if stage is None:
        stage = Stage(name="New", pipeline=Pipeline(name="Hidden pipeline"))
        session().add(stage)
        session().flush()
    return Lead(title="Hidden lead", pipeline_id=stage.pipeline_id, stage_id=stage.id,
                owner_id=owner_id)


def _offer(owner_id: int) -> Any:
    from plugins.offers.models import Offer

    client = _client(owner_id)
    session().add(client)
    session().flush()
    return Offer(title="Hidden offer", currency="EUR", party_id=client.id, owner_id=owner_id)


def _order(owner_id: int) -> Any:
    from plugins.orders.models import Order

    client = _client(owner_id)
    session().add(client)
    session().flush()
    return Order(party_id=client.id, currency="EUR", total_gross=Decimal("0"),
                 owner_id=owner_id)


def _contract(owner_id: int) -> Any:
    from plugins.contracts.models import Contract

    client = _client(owner_id)
    session().add(client)
    session().flush()
    return Contract(title="Hidden contract", party_id=client.id, currency="EUR",
                    owner_id=owner_id)


def _protocol(owner_id: int) -> Any:
    from plugins.contracts.models import AcceptanceProtocol

    client = _client(owner_id)
    session().add(client)
    session().flush()
    return AcceptanceProtocol(party_id=client.id, source_kind="parties.client",
                              source_id=client.id, delivered_on=date(2026, 1, 5),
                              owner_id=owner_id)


def _shipment(owner_id: int) -> Any:
    from plugins.shipping.models import Shipment

    order = _order(owner_id)
    session().add(order)
    session().flush()
    return Shipment(order_id=order.id, party_id=order.party_id, owner_id=owner_id)


def _complaint(owner_id: int) -> Any:
    from plugins.complaints.models import Complaint

    order = _order(owner_id)
    session().add(order)
    session().flush()
    return Complaint(number=f"REC-HIDDEN-{order.id}", party_id=order.party_id,
                     subject_kind="orders.order", subject_id=order.id,
                     description="Hidden complaint", owner_id=owner_id)


def _invoice(owner_id: int) -> Any:
    from plugins.invoicing.models import Invoice

    client = _client(owner_id)
    session().add(client)
    session().flush()
    return Invoice(series="invoices", party_id=client.id, currency="EUR", owner_id=owner_id)


def _payment(owner_id: int) -> Any:
    from plugins.payments.models import Payment

    client = _client(owner_id)
    session().add(client)
    session().flush()
    return Payment(party_id=client.id, method="transfer", amount=Decimal("10.00"),
                   currency="RON", paid_on=date(2026, 1, 5), owner_id=owner_id)


def _note(owner_id: int) -> Any:
    from tests.sample_plugin.models import SampleNote

    return SampleNote(title="Hidden note", owner_id=owner_id)


BUILDERS: dict[str, Callable[[int], Any]] = {
    "parties.client": _client, "activities.activity": _activity, "activities.task": _task,
    "leads.lead": _lead, "offers.offer": _offer, "orders.order": _order,
    "contracts.contract": _contract, "contracts.protocol": _protocol,
    "shipping.shipment": _shipment, "invoicing.invoice": _invoice,
    "complaints.complaint": _complaint, "payments.payment": _payment, "sample.note": _note,
}


def _owned_listed_kinds(app: Any) -> set[str]:
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    return {kind.kind for kind in kontora(app).kinds
            if hasattr(kind.model, "owner_id") and f"/api/v1/{kind.kind}" in rules}


def test_every_owned_kind_has_a_builder(app: Any) -> None:
    assert _owned_listed_kinds(app) == set(BUILDERS)


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_own_scope_user_never_sees_another_owners_record(app: Any, kind: str) -> None:
    k = kontora(app)
    with app.app_context(), k.db.unit():
        owner = make_user("ann", [], scope="all")
        other = make_user("bob", sorted({kd.read_permission for kd in k.kinds}), scope="own")
        record = BUILDERS[kind](owner.id)
        session().add(record)
        session().flush()
        record_id, headers = record.id, bearer(other)
    client = app.test_client()
    listed = client.get(f"/api/v1/{kind}", headers=headers)
    assert listed.status_code == 200
    assert record_id not in [item["id"] for item in listed.get_json()["items"]]
    assert client.get(f"/api/v1/{kind}/{record_id}", headers=headers).status_code == 404


RECORD_PAGES = ("/api/v1/{kind}/{id}/links", "/api/v1/activities/timeline/{kind}/{id}")
"""Kernel endpoints that take any kind and a record id (each answers 200 at scope all)."""


@pytest.mark.parametrize("kind", sorted(BUILDERS))
@pytest.mark.parametrize("page", RECORD_PAGES)
def test_own_scope_user_reaches_nothing_about_another_owners_record(app: Any, kind: str,
                                                                    page: str) -> None:
    k = kontora(app)
    with app.app_context(), k.db.unit():
        owner = make_user("ann", [], scope="all")
        other = make_user("bob", sorted({kd.read_permission for kd in k.kinds}
                                        | {"activities.read", "tasks.read"}), scope="own")
        record = BUILDERS[kind](owner.id)
        session().add(record)
        session().flush()
        record_id, headers = record.id, bearer(other)
    response = app.test_client().get(page.format(kind=kind, id=record_id), headers=headers)
    assert response.status_code in {403, 404}, response.get_data(as_text=True)[:200]
