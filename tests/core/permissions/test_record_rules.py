"""Record rules at the query level: own / team / all, in lists, counts and search."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.errors import Forbidden, NotFound
from core.kernel import kontora
from core.permissions import scope
from core.permissions.models import Role, RoleScope
from core.services import delete_record, get_record, update_record
from tests.core.identity.support import make_user, principal
from tests.sample_plugin.models import SampleNote


@pytest.fixture
def office(app):
    """Two teams of salespeople, a manager, an accountant, logistics, and their notes."""
    ids = {
        "ana": make_user(app, "ana", roles=("salesperson",), teams=("north",)),
        "ben": make_user(app, "ben", roles=("salesperson",), teams=("north",)),
        "carl": make_user(app, "carl", roles=("salesperson",), teams=("south",)),
        "mia": make_user(app, "mia", roles=("sales_manager",)),
        "acc": make_user(app, "acc", roles=("accountant",)),
        "log": make_user(app, "log", roles=("logistics",)),
    }
    with app.app_context(), kontora(app).db.unit() as s:
        for owner, title in [("ana", "ana offer 1"), ("ana", "ana offer 2"),
                             ("ben", "ben offer"), ("carl", "carl offer"), (None, "nobody's")]:
            s.add(SampleNote(title=title, owner_id=ids[owner] if owner else None))
    return ids


def _titles(app, who, search: str | None = None) -> set[str]:
    with app.app_context(), kontora(app).db.unit() as s:
        stmt = select(SampleNote.title)
        if search:
            stmt = stmt.where(SampleNote.title.ilike(f"%{search}%"))
        return set(s.scalars(scope(stmt, SampleNote, who)))


def _count(app, who) -> int:
    with app.app_context(), kontora(app).db.unit() as s:
        stmt = select(func.count()).select_from(SampleNote)
        return s.scalar(scope(stmt, SampleNote, who))


def test_salesperson_sees_own_and_team_records(app, office):
    ana = principal(app, office["ana"])
    assert _titles(app, ana) == {"ana offer 1", "ana offer 2", "ben offer"}
    assert _count(app, ana) == 3
    assert _titles(app, ana, search="offer") == {"ana offer 1", "ana offer 2", "ben offer"}
    assert _titles(app, ana, search="carl") == set()
    assert _titles(app, principal(app, office["carl"])) == {"carl offer"}


def test_manager_and_accountant_see_all_logistics_sees_none(app, office):
    assert _count(app, principal(app, office["mia"])) == 5
    assert _count(app, principal(app, office["acc"])) == 5
    assert _count(app, principal(app, office["log"])) == 0
    assert _count(app, None) == 0


def test_scope_own_set_per_area_by_an_admin(app, office):
    with app.app_context(), kontora(app).db.unit() as s:
        role = s.scalar(select(Role).where(Role.name == "salesperson"))
        role.scopes.append(RoleScope(prefix="sample", scope="own"))
    assert _titles(app, principal(app, office["ana"])) == {"ana offer 1", "ana offer 2"}


def test_scope_works_on_an_aliased_model(app, office):
    from sqlalchemy.orm import aliased

    note = aliased(SampleNote)
    ana = principal(app, office["ana"])
    with app.app_context(), kontora(app).db.unit() as s:
        titles = set(s.scalars(scope(select(note.title), note, ana)))
    assert titles == {"ana offer 1", "ana offer 2", "ben offer"}


def test_services_apply_the_same_rules(app, office):
    ana = principal(app, office["ana"])
    acc = principal(app, office["acc"])
    with app.app_context(), kontora(app).db.unit() as s:
        note_of = {n.title: n.id for n in s.scalars(select(SampleNote))}
    with app.test_request_context(), kontora(app).db.unit():
        assert get_record(ana, "sample.note", note_of["ben offer"]).title == "ben offer"
        update_record(ana, "sample.note", note_of["ben offer"], {"title": "ben offer v2"})
        with pytest.raises(NotFound):
            get_record(ana, "sample.note", note_of["carl offer"])
        with pytest.raises(NotFound):
            update_record(ana, "sample.note", note_of["carl offer"], {"title": "mine now"})
        with pytest.raises(Forbidden):
            delete_record(acc, "sample.note", note_of["carl offer"])
