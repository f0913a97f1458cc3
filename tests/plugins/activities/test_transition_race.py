"""Two people press "done" on one task at once: one moves it, the other hears it moved
(409), and the move is announced once. Each call has its own application."""

from __future__ import annotations

from sqlalchemy import select

from core.audit.models import AuditEntry
from core.errors import Conflict
from core.identity.models import User
from core.kernel import kontora
from plugins.activities import services
from tests.fixtures.race import race
from tests.plugins.activities.conftest import EVERYTHING, as_staff, make_user


def test_simultaneous_completions_move_the_task_once(make_app):
    apps = [make_app(), make_app()]
    with apps[0].app_context(), kontora(apps[0]).db.unit():
        ann = make_user("ann", EVERYTHING)
        task_id = services.create_task(as_staff(ann), {"title": "Call back"}).id
        ann_id = ann.id

    def complete(app):
        with app.app_context(), kontora(app).db.unit() as s:
            return services.complete_task(as_staff(s.get(User, ann_id)), task_id).status

    answers = race(*(lambda a=a: complete(a) for a in apps))
    assert sorted(map(type, answers), key=str) == sorted([str, Conflict], key=str), answers
    assert "done" in answers
    with apps[0].app_context(), kontora(apps[0]).db.unit() as s:
        moves = s.scalars(select(AuditEntry.changes).where(
            AuditEntry.record_kind == "activities.task", AuditEntry.record_id == task_id,
            AuditEntry.action == "status")).all()
        assert [m["status"] for m in moves] == [["open", "done"]]
