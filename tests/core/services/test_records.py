"""Generic record services: validation, permission, owner, versions, signals after commit."""

from __future__ import annotations

import pytest

from core.errors import Conflict, Forbidden, NotAuthenticated, NotFound, ValidationError
from core.kernel import kontora
from core.services import (
    create_record,
    delete_record,
    flatten_errors,
    get_record,
    service,
    update_record,
)
from tests.core.identity.support import make_user, principal


def _unit(app):
    return app.test_request_context(), kontora(app).db.unit()


def test_create_validates_and_names_the_bad_fields(app):
    who = principal(app, make_user(app, "ana", roles=("salesperson",)))
    with app.test_request_context(), kontora(app).db.unit():
        with pytest.raises(ValidationError) as caught:
            create_record(who, "sample.note", {"title": "", "amount": "lots", "colour": "red"})
        assert set(caught.value.fields) == {"title", "amount", "colour"}
        with pytest.raises(ValidationError) as caught:
            create_record(who, "sample.note", ["not", "an", "object"])
        assert "_schema" in caught.value.fields


def test_create_sets_owner_and_needs_write_permission(app):
    ana_id = make_user(app, "ana", roles=("salesperson",))
    ana, acc = principal(app, ana_id), principal(app, make_user(app, "acc",
                                                                 roles=("accountant",)))
    with app.test_request_context(), kontora(app).db.unit():
        note = create_record(ana, "sample.note", {"title": "Mine", "amount": "3.5"})
        assert note.owner_id == ana_id
        assert str(note.amount) == "3.50"
        with pytest.raises(Forbidden):
            create_record(acc, "sample.note", {"title": "Not allowed"})
        with pytest.raises(NotAuthenticated):
            create_record(None, "sample.note", {"title": "Nobody"})
        with pytest.raises(NotFound):
            create_record(ana, "nothing.here", {})


def test_update_checks_the_expected_version_and_refuses_bookkeeping_fields(app):
    who = principal(app, make_user(app, "ana", roles=("salesperson",)))
    with app.test_request_context(), kontora(app).db.unit():
        note_id = create_record(who, "sample.note", {"title": "v1"}).id
    with app.test_request_context(), kontora(app).db.unit():
        note = update_record(who, "sample.note", note_id, {"title": "v2"}, expected_version=1)
        assert note.version == 2
    with app.test_request_context(), kontora(app).db.unit():
        with pytest.raises(Conflict):
            update_record(who, "sample.note", note_id, {"title": "v3"}, expected_version=1)
        with pytest.raises(ValidationError) as caught:
            update_record(who, "sample.note", note_id, {"version": 7})
        assert "version" in caught.value.fields
        with pytest.raises(Conflict):
            delete_record(who, "sample.note", note_id, expected_version=1)
        delete_record(who, "sample.note", note_id, expected_version=2)
        with pytest.raises(NotFound):
            get_record(who, "sample.note", note_id)


def test_signals_arrive_after_commit_and_never_after_rollback(app):
    who = principal(app, make_user(app, "ana", roles=("salesperson",)))
    heard: list[tuple[str, str, dict]] = []
    events = kontora(app).events
    for name in ("core.record-created", "core.record-updated", "core.record-deleted"):
        events.connect(name, lambda sender, _n=name, **kw: heard.append((_n, sender, kw)))

    with app.test_request_context(), kontora(app).db.unit():
        note_id = create_record(who, "sample.note", {"title": "v1"}).id
        assert heard == []
    with app.test_request_context(), kontora(app).db.unit():
        update_record(who, "sample.note", note_id, {"title": "v2"})
        update_record(who, "sample.note", note_id, {"title": "v2"})  # no change, no signal
    with pytest.raises(RuntimeError), app.test_request_context(), kontora(app).db.unit():
        delete_record(who, "sample.note", note_id)
        raise RuntimeError("roll back")

    assert heard == [
        ("core.record-created", "sample.note", {"record_id": note_id, "actor_id": who.id}),
        ("core.record-updated", "sample.note",
         {"record_id": note_id, "actor_id": who.id, "fields": ["title"]}),
    ]


def test_service_decorator_checks_permission_and_names_the_actor(app):
    from core.audit import trail
    from core.db import session
    from tests.sample_plugin.models import SampleNote

    @service("sample.write")
    def rename(principal, note_id: int, title: str) -> None:
        session().get(SampleNote, note_id).title = title
        session().flush()

    ana = principal(app, make_user(app, "ana", roles=("salesperson",)))
    log = principal(app, make_user(app, "log", roles=("logistics",)))
    with app.test_request_context(), kontora(app).db.unit():
        note_id = create_record(ana, "sample.note", {"title": "old"}).id
        with pytest.raises(Forbidden):
            rename(log, note_id, "by logistics")
        rename(ana, note_id, "new")
        assert trail("sample.note", note_id)[0].actor_name == "Ana"


def test_flatten_errors_names_nested_fields():
    assert flatten_errors({"lines": {0: {"price": ["Not a number."]}}, "_schema": ["Bad."]}) == {
        "lines.0.price": ["Not a number."], "_schema": ["Bad."]}


def test_nul_characters_are_a_field_error_not_a_database_error(app) -> None:
    from core.errors import ValidationError
    from core.kernel import kontora
    from core.services import create_record
    from tests.core.api.support import make_user, principal_of

    with app.app_context(), kontora(app).db.unit():
        who = principal_of(make_user("nul", ["sample.read", "sample.write"], "all"))
        with pytest.raises(ValidationError) as caught:
            create_record(who, "sample.note", {"title": "bad\x00title"})
    assert caught.value.fields == {"title": ["Text must not contain NUL characters."]}


def test_field_errors_come_in_the_users_language(app) -> None:
    from flask_babel import force_locale

    from core.errors import ValidationError
    from core.kernel import kontora
    from core.services import create_record
    from tests.core.api.support import make_user, principal_of

    with app.test_request_context(), kontora(app).db.unit(), force_locale("ro"):
        who = principal_of(make_user("ro", ["sample.read", "sample.write"], "all"))
        with pytest.raises(ValidationError) as caught:
            create_record(who, "sample.note", {"title": "x", "amount": "abc"})
    assert caught.value.fields["amount"] == ["Nu este un număr valid."]
