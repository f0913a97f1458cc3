"""A prospect becomes a customer on its first confirmed order, once, on its timeline."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import session
from core.identity.models import User
from core.kernel import kontora
from plugins.activities.models import Note
from plugins.orders import services
from plugins.parties.models import Client
from tests.fixtures.race import race
from tests.plugins.orders.conftest import LINE, SALES, as_staff, make_client, make_user

BECAME = "Became a customer"


def _prospect_with_orders(count: int) -> tuple[int, int, list[int]]:
    ann = make_user("ann", SALES)
    client = make_client("Carpați SRL", ann)
    client.status = "prospect"
    orders = [services.create_order(as_staff(ann), {"party_id": client.id, "currency": "RON",
                                                    "lines": [LINE]}) for _ in range(count)]
    return ann.id, client.id, [o.id for o in orders]


def _customer_notes(client_id: int) -> list[str]:
    return list(session().scalars(select(Note.body).where(
        Note.record_kind == "parties.client", Note.record_id == client_id)))


def test_the_first_confirmed_order_makes_a_customer(unit):
    def run():
        ann_id, client_id, (first, second) = _prospect_with_orders(2)
        ann = as_staff(session().get(User, ann_id))
        assert session().get(Client, client_id).status == "prospect"
        services.confirm_order(ann, first)
        assert session().get(Client, client_id).status == "customer"
        services.confirm_order(ann, second)
        notes = _customer_notes(client_id)
        assert len(notes) == 1 and notes[0].startswith(BECAME) and "CMD-" in notes[0]
    unit(run)


def test_two_orders_confirmed_at_once_change_the_status_once(make_orders_app, unit):
    apps = (make_orders_app(), make_orders_app())
    ann_id, client_id, order_ids = unit(lambda: _prospect_with_orders(2), apps[0])

    def confirm(app: Any, order_id: int) -> str:
        with app.app_context(), kontora(app).db.unit():
            services.confirm_order(as_staff(session().get(User, ann_id)), order_id)
        return "ok"

    assert race(*(lambda a=a, o=o: confirm(a, o) for a, o in zip(apps, order_ids, strict=True))
                ) == ["ok", "ok"]
    notes = unit(lambda: _customer_notes(client_id), apps[0])
    assert len(notes) == 1 and notes[0].startswith(BECAME)
