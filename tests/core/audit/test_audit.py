"""The audit log: entries for create, update and delete with before/after, append-only."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from core.audit import entries, trail
from core.audit.models import AuditEntry
from core.kernel import kontora
from core.services import create_record, delete_record, update_record
from tests.core.identity.support import make_user, principal, sign_in
from tests.sample_plugin.models import SampleNote


def _lifecycle(app, who) -> int:
    with app.test_request_context(), kontora(app).db.unit():
        note_id = create_record(who, "sample.note", {"title": "Draft", "amount": "10.50"}).id
    with app.test_request_context(), kontora(app).db.unit():
        update_record(who, "sample.note", note_id, {"title": "Final", "amount": "12.00"})
    with app.test_request_context(), kontora(app).db.unit():
        delete_record(who, "sample.note", note_id)
    return note_id


def test_create_update_delete_are_recorded_with_who_and_before_after(app):
    user_id = make_user(app, "ana", roles=("salesperson",))
    who = principal(app, user_id)
    note_id = _lifecycle(app, who)
    with app.app_context(), kontora(app).db.unit():
        deleted, updated, created = trail("sample.note", note_id)

    assert [e.action for e in (created, updated, deleted)] == ["create", "update", "delete"]
    assert all((e.actor_kind, e.actor_id, e.actor_name) == ("staff", user_id, "Ana")
               for e in (created, updated, deleted))
    assert created.changes["title"] == [None, "Draft"]
    assert created.changes["owner_id"] == [None, user_id]
    assert updated.changes == {"title": ["Draft", "Final"], "amount": ["10.50", "12.00"]}
    assert deleted.changes["title"] == ["Final", None]
    assert created.at <= updated.at <= deleted.at


def test_changes_made_outside_the_generic_services_are_audited_too(app):
    with app.app_context(), kontora(app).db.unit() as s:
        note = SampleNote(title="by a job", amount=Decimal("1.00"))
        s.add(note)
        s.flush()
        note.amount = Decimal("2.00")
        s.flush()
        rows = trail("sample.note", note.id)
    assert [r.action for r in rows] == ["update", "create"]
    assert rows[0].changes == {"amount": ["1.00", "2.00"]}
    assert rows[0].actor_kind == "system"


def test_a_rolled_back_change_leaves_no_entry(app):
    who = principal(app, make_user(app, "ana", roles=("salesperson",)))
    with pytest.raises(RuntimeError), app.test_request_context(), kontora(app).db.unit():
        create_record(who, "sample.note", {"title": "never"})
        raise RuntimeError("abort")
    with app.app_context(), kontora(app).db.unit() as s:
        assert s.scalar(select(AuditEntry.id)) is None


def test_filters_by_user_kind_action_and_date(app):
    ana_id = make_user(app, "ana", roles=("salesperson",))
    ben_id = make_user(app, "ben", roles=("salesperson",))
    _lifecycle(app, principal(app, ana_id))
    with app.test_request_context(), kontora(app).db.unit():
        create_record(principal(app, ben_id), "sample.note", {"title": "Ben's"})
    with app.app_context(), kontora(app).db.unit():
        assert len(entries(user_id=ana_id)) == 3
        assert [e.action for e in entries(user_id=ben_id)] == ["create"]
        assert len(entries(kind="sample.note", action="create")) == 2
        first = entries(action="create")[-1]
        assert len(entries(since=first.at)) == 4
        assert entries(until=first.at) == []


def test_admin_page_filters_and_hides_from_others(app):
    make_user(app, "root", roles=("admin",))
    ana_id = make_user(app, "ana", roles=("salesperson",))
    _lifecycle(app, principal(app, ana_id))

    staff = app.test_client()
    sign_in(staff, "ana")
    assert staff.get("/admin/audit/").status_code == 403

    admin = app.test_client()
    sign_in(admin, "root")
    page = admin.get(f"/admin/audit/?user={ana_id}&kind=sample.note&action=update")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "Final" in body and body.count('class="badge text-bg-light border">update<') == 1
    assert admin.get("/admin/audit/?since=yesterday").status_code == 400
    assert admin.get("/admin/audit/?user=x").status_code == 400


def test_trail_partial_renders_a_records_history(app):
    who = principal(app, make_user(app, "ana", roles=("salesperson",)))
    with app.test_request_context(), kontora(app).db.unit():
        note_id = create_record(who, "sample.note", {"title": "Draft"}).id
        update_record(who, "sample.note", note_id, {"title": "Final"})
    with app.test_request_context(), kontora(app).db.unit():
        html = app.jinja_env.get_template("audit/_trail.html").render(
            kind="sample.note", record_id=note_id)
    assert "Ana" in html and "Draft" in html and "Final" in html
    assert len(re.findall(r"border-start", html)) == 2


def test_postgresql_refuses_to_change_or_delete_audit_rows(app):
    if kontora(app).db.dialect != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's; SQLite relies on the services")
    who = principal(app, make_user(app, "ana", roles=("salesperson",)))
    with app.test_request_context(), kontora(app).db.unit():
        create_record(who, "sample.note", {"title": "Draft"})
    engine = kontora(app).db.engine
    for statement in ("UPDATE core_audit SET actor_name = 'someone else'",
                      "DELETE FROM core_audit"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
