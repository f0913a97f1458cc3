"""Converting a lead to a client: new or linked, duplicates, what moves, offer acceptance."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from core import registry
from core.app import create_app
from core.errors import Forbidden
from core.kernel import kontora
from core.web.models import Notification
from plugins.activities.models import Note, Task
from plugins.activities.services import add_note, create_task
from plugins.leads.exceptions import AlreadyConverted
from plugins.leads.models import Lead
from plugins.leads.seed import seed_defaults
from plugins.leads.services import create_lead
from plugins.leads.services.convert import convert_lead
from plugins.parties.exceptions import PossibleDuplicate
from plugins.parties.models import Client
from plugins.parties.services import create_client
from tests.conftest import _base_config
from tests.plugins.leads.conftest import SALES, as_staff, make_user
from tests.plugins.leads.offer_signal import plugin as offer_signal

LEAD = {"title": "Office fit-out", "company_name": "Beta Logistic SRL", "country": "RO",
        "email": "office@beta.ro",
        "contacts": [{"name": "Dan Pop", "email": "dan@beta.ro", "phone": "+40 721 000 111",
                      "job_title": "CFO", "is_primary": True},
                     {"name": "Ana Pop", "email": "ana@beta.ro"}]}


def test_convert_creates_a_client_and_carries_everything_over(ctx):
    principal = ctx["as_ann"]
    lead = create_lead(principal, LEAD)
    note = add_note(principal, "leads.lead", lead.id, {"body": "Met at the fair"})
    task = create_task(principal, {"title": "Send prices", "record_kind": "leads.lead",
                                   "record_id": lead.id})
    client = convert_lead(principal, lead.id)
    assert (client.name, client.kind, client.country, client.owner_id) == (
        "Beta Logistic SRL", "legal_entity", "RO", ctx["ann"].id)
    people = {link.contact.name: link for link in client.contact_links}
    assert set(people) == {"Dan Pop", "Ana Pop"}
    assert people["Dan Pop"].is_primary and people["Dan Pop"].role == "CFO"
    assert {m.value for m in people["Dan Pop"].contact.methods} == {"dan@beta.ro",
                                                                    "+40 721 000 111"}
    s = ctx["session"]
    assert (s.get(Note, note.id).record_kind, s.get(Note, note.id).record_id) == (
        "parties.client", client.id)
    assert (s.get(Task, task.id).record_kind, s.get(Task, task.id).record_id) == (
        "parties.client", client.id)
    lead = s.get(Lead, lead.id)
    assert lead.client_id == client.id and lead.converted_at is not None
    on_client = s.scalars(select(Note.body).where(Note.record_kind == "parties.client",
                                                  Note.record_id == client.id,
                                                  Note.id != note.id)).all()
    assert on_client == [f"Lead “{lead.title}” was converted into this new client."]
    with pytest.raises(AlreadyConverted):
        convert_lead(principal, lead.id)


def test_duplicate_check_offers_the_existing_client_to_link(ctx):
    principal = ctx["as_ann"]
    existing = create_client(principal, {"kind": "legal_entity", "name": "Beta Logistic S.R.L.",
                                         "country": "RO"})
    lead = create_lead(principal, LEAD)
    with pytest.raises(PossibleDuplicate) as dup:
        convert_lead(principal, lead.id)
    assert [c.client_id for c in dup.value.candidates] == [existing.id]
    client = convert_lead(principal, lead.id, client_id=existing.id)
    assert client.id == existing.id
    assert ctx["session"].scalars(select(Note.body).where(
        Note.record_kind == "parties.client", Note.record_id == client.id)).all() == [
        f"Lead “{lead.title}” was converted and linked to this client."]
    assert len(client.contact_links) == 2
    again = create_lead(principal, {**LEAD, "title": "Second deal"})
    convert_lead(principal, again.id, client_id=existing.id)
    ctx["session"].refresh(existing)
    assert len(existing.contact_links) == 2  # same e-mails are not added twice
    assert ctx["session"].scalar(select(Client.id).where(Client.id != existing.id)) is None


def test_converting_needs_the_permission(ctx):
    lead = create_lead(ctx["as_ann"], LEAD)
    seller = as_staff(make_user("eve", ["leads.read", "leads.write", "parties.write"]))
    with pytest.raises(Forbidden):
        convert_lead(seller, lead.id)


def test_convert_page_shows_candidates_and_links(app, seeded, sign_in):
    browser = sign_in("ann", SALES)
    with app.app_context(), kontora(app).db.unit():
        principal = as_staff(make_user("zed", SALES))
        existing = create_client(principal, {"kind": "legal_entity",
                                             "name": "Beta Logistic SRL", "country": "RO"})
        lead_id, client_id = create_lead(principal, LEAD).id, existing.id
    page = browser.get(f"/leads/{lead_id}/convert").get_data(as_text=True)
    assert "Similar clients already exist" in page and "Beta Logistic SRL" in page
    assert 'data-search-url="/pick/parties.client"' in page      # any client, by picker
    unpicked = browser.post(f"/leads/{lead_id}/convert", {"link": "1", "client_id": ""})
    assert unpicked.status_code == 422 and "Choose the client" in unpicked.get_data(True)
    linked = browser.post(f"/leads/{lead_id}/convert", {"link": "1",
                                                        "client_id": str(client_id)})
    assert linked.status_code == 302
    assert linked.headers["Location"].endswith(f"/parties/clients/{client_id}") or \
        str(client_id) in linked.headers["Location"]


@pytest.fixture
def signal_app(make_app: Any, database_url: str, tmp_path: Path) -> Iterator[Any]:
    """Leads and its dependencies plus the stand-in announcing offer acceptance."""
    make_app()  # empties the tables after the test
    settings = _base_config(database_url, tmp_path / "signal",
                            "parties,catalog,activities,leads,offersignal")
    app = create_app(settings, extra_plugins=[
        registry.plugin_from_module("tests.plugins.leads.offer_signal.plugin")])
    app.config["TESTING"] = True
    yield app
    kontora(app).db.dispose()


def test_offer_accepted_wins_and_converts_the_lead(signal_app):
    k = kontora(signal_app)
    with signal_app.app_context(), k.db.unit() as s:
        seed_defaults(s)
        ann = make_user("ann", SALES)
        lead_id = create_lead(as_staff(ann), LEAD).id
        offer_signal.accept(501, lead_id=lead_id, party_id=None)
    with signal_app.app_context(), k.db.unit() as s:
        lead = s.get(Lead, lead_id)
        assert lead.status == "won" and lead.client_id is not None
        assert s.get(Client, lead.client_id).name == "Beta Logistic SRL"


def test_offer_accepted_links_the_offers_client_or_tells_the_owner(signal_app):
    k = kontora(signal_app)
    with signal_app.app_context(), k.db.unit() as s:
        seed_defaults(s)
        ann = make_user("ann", SALES)
        principal = as_staff(ann)
        client = create_client(principal, {"kind": "legal_entity", "name": "Gamma SA",
                                           "country": "RO"})
        linked = create_lead(principal, {"title": "Linked", "company_name": "Gamma"}).id
        stuck = create_lead(principal, {"title": "No country",
                                        "company_name": "Delta Impex"}).id
        offer_signal.accept(7, lead_id=linked, party_id=client.id)
        offer_signal.accept(8, lead_id=stuck)
        offer_signal.accept(9, lead_id=999999)  # unknown leads are ignored
        ann_id, client_id = ann.id, client.id
    with signal_app.app_context(), k.db.unit() as s:
        assert s.get(Lead, linked).client_id == client_id
        left = s.get(Lead, stuck)
        assert left.status == "won" and left.client_id is None
        notes = [n.message for n in s.scalars(select(Notification)
                                              .where(Notification.user_id == ann_id))]
        assert any("convert the lead to a client by hand" in m for m in notes)
