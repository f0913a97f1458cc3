"""An admin saving a name that another admin saves at the same moment: the unique index
decides, and the one who loses gets the refusal naming the field (the settings page shows
it, the API answers 409/422), never a database error.

The other admin's row is written on a connection of its own and committed only once this
admin's save waits on it (PostgreSQL: blocked on the unique index after its own check found
nothing; SQLite: waiting for the write lock), so the clash happens every run.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select, text

from core.db import session
from core.errors import Conflict, KontoraError
from core.identity.models import User
from core.kernel import kontora
from core.services import guarded_write
from plugins.leads.models import LostReason, Pipeline, Stage
from plugins.leads.services import pipelines as service
from tests.plugins.leads.conftest import MANAGER, as_staff, make_user
from tests.plugins.leads.test_settings_api import _setup

WAIT = 30  # seconds to wait for the save to block


def _blocked(engine: Any) -> bool:
    """This admin's statement waits on the other's uncommitted row."""
    if engine.dialect.name != "postgresql":
        time.sleep(0.5)  # SQLite's writer waits on the lock; nothing to poll
        return True
    with engine.connect() as conn:
        return bool(conn.scalar(text(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND datname = current_database()")))


def _while_another_saves(app: Any, other: Callable[[int], Any], save: Callable[[Any, int], Any],
                         model: Any, name: str) -> None:
    _setup(app)
    db = kontora(app).db
    with app.app_context(), db.unit():
        boss = make_user("chief", MANAGER).id
        sales = session().scalar(select(Pipeline.id).where(Pipeline.name == "Sales"))
    outcome: list[Any] = []

    def run() -> None:
        try:
            with app.app_context(), db.unit():
                save(as_staff(session().get(User, boss)), sales)
            outcome.append("saved")
        except BaseException as exc:  # the test inspects it
            outcome.append(exc)

    with db.engine.connect() as conn, conn.begin():
        conn.execute(other(sales))
        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        deadline = time.monotonic() + WAIT
        while not _blocked(db.engine):
            assert time.monotonic() < deadline and thread.is_alive(), outcome
            time.sleep(0.05)
    thread.join(WAIT)
    assert len(outcome) == 1 and isinstance(outcome[0], KontoraError), outcome
    assert "name" in (outcome[0].fields or {}), outcome[0].fields
    with app.app_context(), db.unit(read_only=True):
        assert session().scalar(select(func.count()).select_from(model)
                                .where(model.name == name)) == 1


def test_a_pipeline_name_saved_meanwhile_is_refused_naming_it(app):
    _while_another_saves(
        app, lambda _: Pipeline.__table__.insert().values(name="Tenders", position=9,
                                                          is_default=False, active=True),
        lambda boss, _: service.create_pipeline(boss, {"name": "Tenders"}),
        Pipeline, "Tenders")


def test_a_lost_reason_saved_meanwhile_is_refused_naming_it(app):
    _while_another_saves(
        app, lambda _: LostReason.__table__.insert().values(name="Went quiet", position=9,
                                                            active=True),
        lambda boss, _: service.save_lost_reason(boss, {"name": "Went quiet"}),
        LostReason, "Went quiet")


def test_a_stage_saved_meanwhile_is_refused_naming_it(app):
    _while_another_saves(
        app, lambda sales: Stage.__table__.insert().values(
            pipeline_id=sales, name="Bid", position=5, probability=40, is_won=False,
            is_lost=False),
        lambda boss, sales: service.save_stage(boss, sales, {"name": "Bid"}),
        Stage, "Bid")


def test_a_key_over_several_columns_names_the_value_not_its_scope(app):
    """``(pipeline_id, name)`` taken: the refusal is on ``name``, on both databases."""
    _setup(app)
    with app.app_context(), kontora(app).db.unit():
        sales = session().scalar(select(Pipeline).where(Pipeline.name == "Sales"))
        try:
            with guarded_write() as sess:
                sess.add(Stage(pipeline_id=sales.id, name=sales.stages[0].name))
        except Conflict as exc:
            assert set(exc.fields) == {"name"}
        else:
            raise AssertionError("the duplicate stage was written")
        assert session().scalar(select(func.count()).select_from(Stage)) == len(sales.stages)
