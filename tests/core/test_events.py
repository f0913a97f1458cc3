"""Signals about committed facts arrive after commit and never for a rolled-back transaction."""

from __future__ import annotations

import pytest

from core.kernel import kontora
from tests.sample_plugin.models import SampleNote


def test_announce_is_delivered_after_commit(app, db) -> None:
    events = kontora(app).events
    seen: list[tuple] = []

    def receiver(sender, **kwargs) -> None:
        # The fact is committed: a fresh connection can already read it.
        with db.engine.connect() as conn:
            visible = conn.execute(SampleNote.__table__.select()).all()
        seen.append((sender, kwargs, len(visible)))

    events.connect("sample.note-created", receiver)
    with db.unit() as session:
        note = SampleNote(title="Quote request")
        session.add(note)
        session.flush()
        events.announce("sample.note-created", note.id, title=note.title)
        assert seen == []
    assert seen == [(note.id, {"title": "Quote request"}, 1)]


def test_rolled_back_transaction_announces_nothing(app, db) -> None:
    events = kontora(app).events
    seen: list = []
    events.connect("sample.note-created", lambda sender, **kw: seen.append(sender))
    with pytest.raises(RuntimeError), db.unit() as session:
        session.add(SampleNote(title="lost"))
        events.announce("sample.note-created", 1, title="lost")
        raise RuntimeError("boom")
    assert seen == []


def test_receiver_writes_commit_and_its_failure_does_not_undo_the_fact(app, db) -> None:
    events = kontora(app).events

    def failing(sender, **kwargs) -> None:
        from core.db import session

        session().add(SampleNote(title="written by a broken receiver"))
        raise ValueError("receiver bug")

    events.connect("sample.note-created", failing)
    with db.unit() as session:
        session.add(SampleNote(title="the fact"))
        events.announce("sample.note-created", 1, title="the fact")
    with db.unit() as session:
        titles = [n.title for n in session.query(SampleNote).all()]
    assert titles == ["the fact"]


def test_undeclared_signal_cannot_be_announced(app, db) -> None:
    with db.unit(), pytest.raises(KeyError, match="not declared"):
        kontora(app).events.announce("sample.never-declared", None)


def test_core_app_ready_is_declared_and_documented(app) -> None:
    assert "Sender: the Flask app" in kontora(app).events.declared["core.app-ready"]


def test_each_app_has_its_own_receivers(make_app) -> None:
    first, second = make_app(plugins="sample"), make_app(plugins="sample")
    seen: list = []
    kontora(first).events.connect("sample.note-created", lambda s, **kw: seen.append(s))
    kontora(second).events.send_now("sample.note-created", "from-second")
    assert seen == []
