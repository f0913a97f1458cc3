"""Reference fields obey the record rules: pointing a record at another owner's record
answers exactly as pointing it at a record that does not exist (422, same message)."""

from __future__ import annotations

from core.kernel import kontora
from plugins.leads.seed import seed_defaults
from plugins.parties.models import Client
from tests.core.api.support import bearer, make_user
from tests.plugins.leads.conftest import SALES


def _world(app):
    with app.app_context(), kontora(app).db.unit() as s:
        seed_defaults(s)
        ann, bob = make_user("ann", SALES, "own"), make_user("bob", SALES, "own")
        theirs = Client(kind="legal_entity", status="customer", name="Ann's client",
                        name_key="ann's client", country="RO", relationship_type="customer",
                        owner_id=ann.id)
        mine = Client(kind="legal_entity", status="customer", name="Bob's client",
                      name_key="bob's client", country="RO", relationship_type="customer",
                      owner_id=bob.id)
        s.add_all([theirs, mine])
        s.flush()
        return bearer(bob), theirs.id, mine.id


def test_a_lead_cannot_point_at_a_client_outside_the_read_scope(app):
    bob, theirs, mine = _world(app)
    client = app.test_client()
    answers = [client.post("/api/v1/leads.lead", json={"title": "x", "client_id": target},
                           headers=bob) for target in (theirs, 99999)]
    assert [a.status_code for a in answers] == [422, 422], [a.get_json() for a in answers]
    assert answers[0].get_json() == answers[1].get_json()
    assert "client_id" in answers[0].get_json()["fields"]
    made = client.post("/api/v1/leads.lead", json={"title": "ok", "client_id": mine},
                       headers=bob)
    assert made.status_code == 201, made.get_json()
    lead_id = made.get_json()["id"]
    repointed = client.patch(f"/api/v1/leads.lead/{lead_id}", json={"client_id": theirs},
                             headers=bob)
    missing = client.patch(f"/api/v1/leads.lead/{lead_id}", json={"client_id": 99999},
                           headers=bob)
    assert (repointed.status_code, missing.status_code) == (422, 422)
    assert repointed.get_json() == missing.get_json()
    assert client.get(f"/api/v1/leads.lead/{lead_id}",
                      headers=bob).get_json()["client_id"] == mine


def test_generic_records_check_their_foreign_keys_too(app):
    from core.services import reference_fields

    with app.app_context():
        from plugins.leads.models import Lead

        assert reference_fields(Lead)["client_id"].kind == "parties.client"
