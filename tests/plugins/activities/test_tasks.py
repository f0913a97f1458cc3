"""Tasks: workflow, assignment rules, notifications in the app and by e-mail over SMTP,
my tasks and overdue, and the "no next step" flag."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from core.db import session
from core.errors import Conflict, Forbidden, NotFound
from core.kernel import kontora
from core.web.models import Notification
from plugins.activities import services
from plugins.activities.queries import no_next_step, open_tasks, without_next_step
from tests.plugins.activities.conftest import (
    EVERYTHING,
    WORKER,
    as_staff,
    make_client,
    make_user,
)


def notes_of(user_id: int) -> list[str]:
    return list(session().scalars(select(Notification.message)
                                  .where(Notification.user_id == user_id)
                                  .order_by(Notification.id)))


def test_workflow_moves_only_along_allowed_transitions(unit):
    def run():
        me = as_staff(make_user("ann", EVERYTHING))
        task = services.create_task(me, {"title": "Call back", "due_on": "2030-01-10"})
        assert (task.status, task.owner_id, task.priority) == ("open", me.user_id, "normal")
        assert services.start_task(me, task.id).status == "in_progress"
        with pytest.raises(Conflict):
            services.start_task(me, task.id)
        done = services.complete_task(me, task.id)
        assert done.status == "done" and done.completed_at is not None
        with pytest.raises(Conflict):
            services.cancel_task(me, task.id)
        reopened = services.reopen_task(me, task.id)
        assert reopened.status == "open" and reopened.completed_at is None
        assert services.cancel_task(me, task.id).status == "cancelled"
    unit(run)


def test_assigning_needs_tasks_assign_and_notifies_in_the_app(unit):
    def run():
        boss = make_user("boss", EVERYTHING)
        ann = make_user("ann", WORKER, language="ro")
        bob = make_user("bob", WORKER)
        with pytest.raises(Forbidden):
            services.create_task(as_staff(ann), {"title": "For Bob", "assignee_id": bob.id})
        task = services.create_task(as_staff(boss), {"title": "Send the offer",
                                                     "assignee_id": ann.id})
        assert task.owner_id == ann.id and task.assignee_id == ann.id
        assert notes_of(boss.id) == []  # the one acting is not told
        [message] = notes_of(ann.id)
        assert "Send the offer" in message and "Boss" in message
        assert message.startswith("Boss ți-a atribuit")  # in Ann's language
        services.start_task(as_staff(ann), task.id)
        assert "Ann started the task “Send the offer”." in notes_of(boss.id)
        services.assign_task(as_staff(boss), task.id, bob.id)
        assert "Boss assigned you the task “Send the offer”." in notes_of(bob.id)
        assert len(notes_of(ann.id)) == 2  # the previous assignee hears of it too
        with pytest.raises(NotFound):  # Eve sees only her own tasks
            services.update_task(as_staff(make_user("eve", WORKER, scope="own")), task.id,
                                 {"title": "x"})
    unit(run)


def test_task_mail_goes_out_over_smtp_through_jobs(mail_app, smtp_inbox):
    with mail_app.app_context(), kontora(mail_app).db.unit():
        boss = make_user("boss", EVERYTHING, email="boss@example.com")
        ann = make_user("ann", WORKER, email="ann@example.com")
        client = make_client("Delta Impex SRL", boss)
        services.create_task(as_staff(boss), {
            "title": "Send the offer", "assignee_id": ann.id, "due_on": "2030-02-01",
            "priority": "high", "description": "With the new prices.",
            "record_kind": "parties.client", "record_id": client.id})
    [mail] = smtp_inbox.messages  # sent by the jobs after commit (inline mode)
    assert mail["To"] == "ann@example.com"
    assert mail["Subject"] == "Task: Send the offer"
    body = mail.get_content()
    assert "Boss assigned you the task “Send the offer”." in body
    assert "Priority: High" in body and "About: Delta Impex SRL" in body
    assert "/activities/tasks/" in body and "With the new prices." in body


def test_a_rolled_back_change_notifies_nobody(mail_app, smtp_inbox):
    k = kontora(mail_app)
    with mail_app.app_context():
        with k.db.unit():
            boss = make_user("boss", EVERYTHING)
            ann_id = make_user("ann", WORKER, email="ann@example.com").id
            boss_principal = as_staff(boss)
        with pytest.raises(RuntimeError), k.db.unit():
            services.create_task(boss_principal, {"title": "Never", "assignee_id": ann_id})
            raise RuntimeError("roll back")
        with k.db.unit():
            assert notes_of(ann_id) == []
    assert smtp_inbox.messages == []


def test_my_tasks_and_overdue(unit):
    def run():
        ann = make_user("ann", EVERYTHING, scope="own")
        bob = make_user("bob", EVERYTHING, scope="all")
        me = as_staff(ann)
        today = date.today()
        late = services.create_task(me, {"title": "Late",
                                          "due_on": (today - timedelta(days=2)).isoformat()})
        soon = services.create_task(me, {"title": "Soon",
                                          "due_on": (today + timedelta(days=2)).isoformat()})
        undated = services.create_task(me, {"title": "Whenever"})
        done = services.create_task(me, {"title": "Done late",
                                          "due_on": (today - timedelta(days=5)).isoformat()})
        services.complete_task(me, done.id)
        services.create_task(as_staff(bob), {"title": "Bob's late",
                                             "due_on": (today - timedelta(days=1)).isoformat()})
        assert [t.title for t in open_tasks(me)] == ["Late", "Soon", "Whenever"]
        assert [t.id for t in open_tasks(me, overdue_on=today)] == [late.id]
        assert {t.title for t in open_tasks(as_staff(bob), overdue_on=today, everyone=True)} \
            == {"Late", "Bob's late"}
        assert [t.title for t in open_tasks(me, overdue_on=today, everyone=True)] == ["Late"]
        assert soon.id and undated.id
    unit(run)


def test_no_next_step_flag(unit):
    def run():
        ann = make_user("ann", EVERYTHING)
        me = as_staff(ann)
        busy, idle, finished = (make_client(n, ann) for n in ("Busy", "Idle", "Finished"))
        services.create_task(me, {"title": "Next", "record_kind": "parties.client",
                                  "record_id": busy.id})
        old = services.create_task(me, {"title": "Old", "record_kind": "parties.client",
                                        "record_id": finished.id})
        services.complete_task(me, old.id)
        model = kontora().kinds["parties.client"].model
        ids = [busy.id, idle.id, finished.id]
        assert without_next_step("parties.client", model, ids) == {idle.id, finished.id}
        stmt = select(model.name).where(model.id.in_(ids),
                                        no_next_step("parties.client", model.id))
        assert sorted(session().scalars(stmt)) == ["Finished", "Idle"]
    unit(run)
