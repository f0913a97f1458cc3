"""The client page shows the records other plugins hold of the client: leads, orders..."""

from __future__ import annotations

from typing import Any

from core.identity.models import User
from core.kernel import kontora
from plugins.leads.seed import seed_defaults
from plugins.leads.services import create_lead
from plugins.orders.services import create_order
from plugins.parties.services import create_client
from tests.core.web.conftest import sign_in
from tests.plugins.parties.conftest import staff

__all__ = ["sign_in"]

READ = ["parties.read", "leads.read", "orders.read", "complaints.read"]


def _client_with_records(app: Any) -> int:
    with app.app_context(), kontora(app).db.unit() as s:
        seed_defaults(s)
        boss = User(login="boss", name="Boss")
        s.add(boss)
        s.flush()
        admin = staff(boss, admin=True)
        client = create_client(admin, {"kind": "legal_entity", "name": "Carpați SRL",
                                       "country": "RO"})
        create_lead(admin, {"title": "Warehouse racks", "client_id": client.id})
        create_order(admin, {"party_id": client.id, "currency": "RON", "reference": "PO-77",
                             "lines": [{"description": "Rack", "quantity": "2",
                                        "unit_price": "100", "vat_rate": "19"}]})
        return client.id


def test_leads_and_orders_have_their_sections(app, sign_in):
    client_id = _client_with_records(app)
    page = sign_in("ann", READ).get(f"/clients/{client_id}").get_data(as_text=True)
    assert 'data-section-kind="leads.lead"' in page and "Warehouse racks" in page
    assert 'data-section-kind="orders.order"' in page and "Draft" in page
    assert "No complaints yet." in page


def test_a_reader_without_the_permission_sees_no_section(app, sign_in):
    client_id = _client_with_records(app)
    page = sign_in("bob", ["parties.read", "leads.read"]).get(
        f"/clients/{client_id}").get_data(as_text=True)
    assert 'data-section-kind="leads.lead"' in page
    assert 'data-section-kind="orders.order"' not in page and "Orders" not in page
