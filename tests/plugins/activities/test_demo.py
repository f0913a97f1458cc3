"""Demo data: activities, tasks and notes on the demo clients, some with no next step."""

from __future__ import annotations

from sqlalchemy import func, select

from core.db import session
from core.kernel import kontora
from plugins.activities.models import Activity, Note, Task
from plugins.activities.queries import without_next_step


def test_demo_puts_activities_and_tasks_on_the_demo_clients(app):
    k = kontora(app)
    with app.app_context():
        with k.db.unit() as s:
            k.call_in_order("kontora_demo_data", session=s)
        with k.db.unit():
            kinds = set(session().scalars(select(Activity.record_kind)))
            assert kinds == {"parties.client"}
            assert session().scalar(select(func.count()).select_from(Task)) >= 2
            assert session().scalar(select(func.count()).select_from(Note)) >= 2
            model = k.kinds["parties.client"].model
            ids = list(session().scalars(select(model.id)))
            assert 0 < len(without_next_step("parties.client", model, ids)) < len(ids)
