"""Unit of work: commit on success, rollback on error, optimistic versions, request scope."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from core.db import after_commit, session
from tests.sample_plugin.models import SampleNote


def count(db) -> int:
    with db.unit() as s:
        return s.scalar(select(func.count()).select_from(SampleNote))


def test_unit_commits_on_success_and_rolls_back_on_error(db) -> None:
    with db.unit() as s:
        s.add(SampleNote(title="kept"))
    with pytest.raises(ZeroDivisionError), db.unit() as s:
        s.add(SampleNote(title="dropped"))
        s.flush()
        1 / 0  # noqa: B018
    assert count(db) == 1


def test_session_outside_a_unit_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="no unit of work is open"):
        session()


def test_after_commit_runs_only_for_committed_work(db) -> None:
    ran: list[str] = []
    with db.unit():
        after_commit(lambda: ran.append("committed"))
    with pytest.raises(KeyError), db.unit():
        after_commit(lambda: ran.append("rolled back"))
        raise KeyError
    assert ran == ["committed"]


def test_stale_version_is_refused(db) -> None:
    with db.unit() as s:
        s.add(SampleNote(title="v1"))
    with db.unit() as first:
        mine = first.scalars(select(SampleNote)).one()
    assert mine.version == 1
    with db.unit() as second:  # someone else saves after we read
        second.scalars(select(SampleNote)).one().title = "theirs"
    with pytest.raises(StaleDataError), db.unit() as third:
        third.add(mine)
        mine.title = "mine"
        third.flush()
    with db.unit() as s:
        note = s.scalars(select(SampleNote)).one()
        assert (note.title, note.version) == ("theirs", 2)


def test_request_commits_on_success_and_discards_on_error_status(make_app, db) -> None:
    app = make_app(plugins="sample")
    app.config["WTF_CSRF_ENABLED"] = False  # the probe has no form; CSRF is tested elsewhere

    @app.post("/_probe/<int:status>")
    def probe(status: int):
        session().add(SampleNote(title=f"status {status}"))
        return "", status

    client = app.test_client()
    assert client.post("/_probe/201").status_code == 201
    assert client.post("/_probe/422").status_code == 422
    with db.unit() as s:
        assert s.scalars(select(SampleNote.title)).all() == ["status 201"]


def test_postgresql_plans_each_statement_for_its_values(db) -> None:
    if db.dialect != "postgresql":
        pytest.skip("plan_cache_mode is PostgreSQL's")
    from sqlalchemy import text

    with db.unit() as s:
        assert s.scalar(text("SHOW plan_cache_mode")) == "force_custom_plan"
