"""Creating, changing and moving leads: defaults, the stage rules, record rules, signals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from core.errors import Forbidden, NotFound, ValidationError
from core.kernel import kontora
from plugins.leads.models import Lead, StageEntry
from plugins.leads.seed import seed_defaults
from plugins.leads.services import create_lead, move_lead, update_lead
from tests.plugins.leads.conftest import SALES, as_staff, make_user, reason, stage


def test_a_new_lead_enters_the_first_stage_of_the_default_pipeline(ctx):
    lead = create_lead(ctx["as_ann"], {"company_name": "Alfa Construct SRL",
                                       "person_name": "Ioana Pop", "email": "IOANA@alfa.ro",
                                       "budget": "1200.50", "currency": "ron"})
    assert lead.title == "Alfa Construct SRL"
    assert (lead.stage.name, lead.pipeline.name, lead.status) == ("New", "Sales", "open")
    assert lead.owner_id == ctx["ann"].id and lead.source == "manual"
    assert lead.email == "ioana@alfa.ro" and lead.currency == "RON"
    assert lead.budget == Decimal("1200.50")
    assert [(c.name, c.email, c.is_primary) for c in lead.contacts] == [
        ("Ioana Pop", "ioana@alfa.ro", True)]
    entries = ctx["session"].scalars(select(StageEntry).where(StageEntry.lead_id == lead.id))
    assert [(e.stage_id, e.left_at) for e in entries] == [(lead.stage_id, None)]


def test_the_stage_decides_status_pipeline_and_history(ctx):
    lead = create_lead(ctx["as_ann"], {"title": "Warehouse roof"})
    move_lead(ctx["as_ann"], lead.id, {"stage_id": stage("Proposal").id})
    with pytest.raises(ValidationError) as lost:
        move_lead(ctx["as_ann"], lead.id, {"stage_id": stage("Lost").id})
    assert "lost_reason_id" in lost.value.fields
    assert lead.stage.name == "Proposal"  # the refused move is forgotten
    move_lead(ctx["as_ann"], lead.id, {"stage_id": stage("Lost").id,
                                       "lost_reason_id": reason().id, "lost_note": "30% off"})
    assert lead.status == "lost" and lead.closed_at is not None
    assert lead.lost_reason.name == "Price too high"
    move_lead(ctx["as_ann"], lead.id, {"stage_id": stage("Negotiation").id})
    assert lead.status == "open" and lead.lost_reason_id is None and lead.closed_at is None
    move_lead(ctx["as_ann"], lead.id, {"stage_id": stage("Won").id})
    assert lead.status == "won"
    names = [ctx["session"].get(type(lead.stage), e.stage_id).name for e in lead.stage_entries]
    assert names == ["New", "Proposal", "Lost", "Negotiation", "Won"]
    assert all(e.left_at is not None for e in lead.stage_entries[:-1])
    assert lead.stage_entries[-1].left_at is None


def test_bad_input_is_a_field_error(ctx):
    for data, field in [({"title": ""}, "title"), ({"title": "x", "email": "nope"}, "email"),
                        ({"title": "x", "budget": "-3"}, "budget"),
                        ({"title": "x", "stage_id": 999999}, "stage_id"),
                        ({"title": "x", "pipeline_id": "abc"}, "pipeline_id"),
                        ({"title": "x", "contacts": [{"name": ""}]}, "contacts.0.name"),
                        ({"title": "x\x00"}, "title")]:
        with pytest.raises(ValidationError) as exc:
            create_lead(ctx["as_ann"], data)
        assert field in exc.value.fields, (data, exc.value.fields)
    with pytest.raises(ValidationError) as exc:
        create_lead(ctx["as_ann"], {"title": "x"}, source="fax")
    assert "source" in exc.value.fields


def test_record_rules_and_permissions(ctx):
    mine = create_lead(ctx["as_bob"], {"title": "Bob's deal"})
    theirs = create_lead(ctx["as_ann"], {"title": "Ann's deal"})
    with pytest.raises(NotFound):
        update_lead(ctx["as_bob"], theirs.id, {"title": "taken"})
    update_lead(ctx["as_bob"], mine.id, {"title": "Bob's better deal"})
    reader = as_staff(make_user("cid", ["leads.read"]))
    with pytest.raises(Forbidden):
        create_lead(reader, {"title": "no"})
    with pytest.raises(Forbidden):
        move_lead(reader, mine.id, {"stage_id": stage("Won").id})


def test_signals_are_announced_after_commit(app):
    heard = []
    k = kontora(app)
    for name in ("leads.lead-created", "leads.lead-won", "leads.lead-lost"):
        k.events.connect(name, lambda sender, _name=name, **kw: heard.append((_name, sender)))
    with app.app_context(), k.db.unit() as s:
        seed_defaults(s)
        principal = as_staff(make_user("ann", SALES))
        lead = create_lead(principal, {"title": "Signals"})
        move_lead(principal, lead.id, {"stage_id": stage("Won").id})
        assert heard == []
        lead_id = lead.id
    assert heard == [("leads.lead-created", lead_id), ("leads.lead-won", lead_id)]
    with app.app_context(), k.db.unit() as s:
        assert s.get(Lead, lead_id).status == "won"


def test_pipelines_and_stages_are_configurable(ctx):
    from core.errors import Conflict
    from plugins.leads.services.pipelines import (
        create_pipeline,
        delete_stage,
        save_lost_reason,
        save_stage,
        update_pipeline,
    )
    from tests.plugins.leads.conftest import MANAGER

    admin = as_staff(make_user("boss", MANAGER))
    rentals = create_pipeline(admin, {"name": "Rentals"})
    assert [(s.name, s.outcome) for s in rentals.stages] == [
        ("New", "open"), ("Won", "won"), ("Lost", "lost")]
    viewing = save_stage(admin, rentals.id, {"name": "Viewing", "position": "1",
                                             "probability": "40"})
    with pytest.raises(ValidationError) as exc:
        save_stage(admin, rentals.id, {"name": "Viewing", "probability": "140",
                                       "is_won": True, "is_lost": True})
    assert set(exc.value.fields) == {"name", "probability", "is_lost"}
    lead = create_lead(ctx["as_ann"], {"title": "Flat", "pipeline_id": rentals.id})
    assert lead.stage.name == "New"
    move_lead(ctx["as_ann"], lead.id, {"stage_id": viewing.id})
    with pytest.raises(Conflict):
        delete_stage(admin, viewing.id)
    spare = save_stage(admin, rentals.id, {"name": "Spare"})
    delete_stage(admin, spare.id)
    update_pipeline(admin, rentals.id, {"is_default": True})
    assert create_lead(ctx["as_ann"], {"title": "Next"}).pipeline_id == rentals.id
    reason_made = save_lost_reason(admin, {"name": "Too far"})
    with pytest.raises(ValidationError):
        save_lost_reason(admin, {"name": "Too far"})
    assert reason_made.active
    with pytest.raises(Forbidden):
        create_pipeline(ctx["as_ann"], {"name": "Mine"})
