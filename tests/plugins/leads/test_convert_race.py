"""A double-clicked "convert": two requests for one lead at once make one client.

Each request runs in its own thread with its own application (engine and pool), as two
web workers would, released together by a barrier.
"""

from __future__ import annotations

from sqlalchemy import func, select

from core.kernel import kontora
from plugins.leads.models import Lead
from plugins.leads.seed import seed_defaults
from plugins.parties.models import Client
from tests.core.api.support import bearer, make_user
from tests.fixtures.race import race
from tests.plugins.leads.conftest import SALES

ROUNDS = 3  # leads raced; one round could pass by luck


def test_two_simultaneous_conversions_make_one_client(make_app):
    first, second = make_app(), make_app()
    with first.app_context(), kontora(first).db.unit() as s:
        seed_defaults(s)
        ann = make_user("ann", SALES, "own")
        headers = bearer(ann)
    clients = (first.test_client(), second.test_client())
    for round_ in range(ROUNDS):
        lead_id = clients[0].post("/api/v1/leads.lead", headers=headers, json={
            "title": f"Deal {round_}", "company_name": f"Omega {round_} SRL",
            "country": "RO"}).get_json()["id"]
        url = f"/api/v1/leads.lead/{lead_id}/convert"
        answers = race(*(lambda c=c, u=url: c.post(u, json={}, headers=headers) for c in clients))
        assert sorted(a.status_code for a in answers) == [200, 409], \
            [(a.status_code, a.get_json()) for a in answers]
        won = next(a for a in answers if a.status_code == 200).get_json()
        lost = next(a for a in answers if a.status_code == 409).get_json()
        assert lost["message"] == "This lead is already linked to a client."
        with first.app_context(), kontora(first).db.unit() as s:
            assert s.scalar(select(func.count(Client.id)).where(
                Client.name == f"Omega {round_} SRL")) == 1
            assert s.get(Lead, lead_id).client_id == won["client_id"]
