"""SQLite under concurrent writers: writers wait for each other instead of failing, and a
lock held past the busy timeout answers 503 with Retry-After, never a 500."""

from __future__ import annotations

import sqlite3
import sys
import threading
import time

import pytest
from sqlalchemy import text

from core.db import session
from core.kernel import kontora
from tests.core.api.support import bearer, make_user
from tests.fixtures.race import race
from tests.sample_plugin.models import SampleNote


def test_a_writer_that_read_first_waits_instead_of_failing(make_app):
    """A reads, B writes and commits meanwhile, then A writes: SQLite cannot move A's old
    snapshot to writing and used to answer "database is locked" (500). Now A holds the
    write lock from its first statement and B waits for A's commit: both succeed."""
    apps = [make_app(plugins="sample") for _ in range(2)]
    with apps[0].app_context(), kontora(apps[0]).db.unit() as s:
        note = SampleNote(title="shared")
        s.add(note)
        s.flush()
        note_id = note.id
    a_has_read, b_started = threading.Event(), threading.Event()

    def reader_then_writer() -> str:
        with apps[0].app_context(), kontora(apps[0]).db.unit() as s:
            s.get(SampleNote, note_id)
            a_has_read.set()
            b_started.wait(10)
            time.sleep(0.5)  # room for B to commit, if nothing stops it
            s.get(SampleNote, note_id).title = "by A"
        return "A saved"

    def writer() -> str:
        a_has_read.wait(10)
        b_started.set()
        with apps[1].app_context(), kontora(apps[1]).db.unit() as s:
            s.get(SampleNote, note_id).title = "by B"
        return "B saved"

    assert race(reader_then_writer, writer) == ["A saved", "B saved"]
    if kontora(apps[0]).db.dialect == "sqlite":  # B waited for A's commit
        with apps[0].app_context(), kontora(apps[0]).db.unit() as s:
            assert s.get(SampleNote, note_id).title == "by B"


@pytest.fixture
def held_lock(make_app, database_url, monkeypatch):
    """An app with a one-second busy timeout, and another connection holding the write lock."""
    if not database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL has no database-wide write lock")
    monkeypatch.setattr(sys.modules["core.db.session"], "SQLITE_BUSY_TIMEOUT", 1)
    app = make_app(plugins="sample")
    with app.app_context(), kontora(app).db.unit():
        headers = bearer(make_user("ana", ["sample.read", "sample.write"], "own"))
    holder = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    yield app, headers
    holder.execute("ROLLBACK")
    holder.close()


def test_a_lock_held_past_the_busy_timeout_is_503(held_lock):
    app, headers = held_lock
    answer = app.test_client().post("/api/v1/sample.note", json={"title": "x"},
                                    headers=headers)
    assert answer.status_code == 503, answer.get_json()
    body = answer.get_json()
    assert body["error"] == "database_busy" and "try again" in body["message"]


def test_the_busy_page_says_when_to_retry(held_lock):
    app, _headers = held_lock
    app.config["WTF_CSRF_ENABLED"] = False

    @app.post("/_test/write")
    def write() -> str:
        session().execute(text("DELETE FROM sample_note WHERE 0"))
        return "written"

    answer = app.test_client().post("/_test/write")
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "5"
    assert "try again" in answer.get_data(as_text=True)
