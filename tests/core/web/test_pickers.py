"""Record pickers: the search answer follows the kind's search columns, filters and record
rules; the picker shows the chosen record's title; a create form returns to the picker."""

from __future__ import annotations

import pytest
from flask import render_template_string
from sqlalchemy import insert

from core.identity.models import User
from core.identity.users import staff_principal
from core.kernel import kontora
from core.web.pickers import back_to_picker, picked_label
from tests.sample_plugin.models import SampleNote


@pytest.fixture
def people(app, sign_in):
    ann = sign_in("ann", ["sample.read", "sample.write"], scope="own")
    bob = sign_in("bob", ["sample.read"], scope="all")
    eve = sign_in("eve", [])
    with kontora(app).db.unit() as s:
        s.execute(insert(SampleNote), [
            {"title": "Budget of Ann", "owner_id": ann.user_id, "number": "N-1"},
            {"title": "Budget of Bob", "owner_id": bob.user_id, "amount": 5},
            {"title": "Holiday plan", "owner_id": ann.user_id},
        ])
    return {"ann": ann, "bob": bob, "eve": eve}


def _labels(answer):
    return [r["label"] for r in answer.get_json()["results"]]


def test_pick_searches_within_record_rules_and_filters(people):
    assert _labels(people["ann"].get("/pick/sample.note?q=budget")) == ["Budget of Ann"]
    assert sorted(_labels(people["bob"].get("/pick/sample.note?q=budget"))) == \
        ["Budget of Ann", "Budget of Bob"]
    assert len(_labels(people["bob"].get("/pick/sample.note"))) == 3   # empty: the first few
    assert _labels(people["bob"].get("/pick/sample.note?q=budget&amount=5")) == \
        ["Budget of Bob"]
    first = people["ann"].get("/pick/sample.note?q=ann").get_json()["results"][0]
    assert first["detail"] == "N-1" and isinstance(first["id"], int)
    assert people["eve"].get("/pick/sample.note?q=budget").status_code == 403
    assert people["bob"].get("/pick/no.such?q=x").status_code == 404
    assert people["bob"].get("/pick/sample.note?colour=red").status_code == 422


def test_picked_label_hides_what_the_user_may_not_see(app, people):
    with app.app_context(), kontora(app).db.unit() as s:
        ann = staff_principal(s.query(User).filter_by(login="ann").one())
        bob = staff_principal(s.query(User).filter_by(login="bob").one())
        bobs = s.query(SampleNote).filter_by(title="Budget of Bob").one().id
        assert picked_label(bob, "sample.note", bobs) == "Budget of Bob"
        assert picked_label(ann, "sample.note", bobs) == ""
        assert picked_label(bob, "sample.note", "x") == picked_label(bob, "no.kind", 1) == ""


def test_the_macro_draws_an_accessible_combobox(app, people):
    with app.test_request_context():
        html = render_template_string(
            '{% import "macros/pickers.html" as p %}'
            '{{ p.record_picker("note_id", "sample.note", "Note", "", {"note_id": ["Pick one."]},'
            ' create_url="/sample/notes/new") }}')
    assert 'role="combobox"' in html and 'aria-controls="f-note_id-options"' in html
    assert 'role="listbox"' in html and 'type="hidden" id="f-note_id" name="note_id"' in html
    assert 'data-search-url="/pick/sample.note"' in html and "Pick one." in html
    assert "data-picker-create" in html and 'aria-invalid="true"' in html


@pytest.mark.parametrize(("args", "expected"), [
    ("k_return=/offers/compose%3Ftitle%3DX%26party_id%3D3&k_field=party_id",
     "/offers/compose?title=X&party_id=9"),
    ("k_return=//evil.test/x&k_field=party_id", None),
    ("k_return=https://evil.test/x&k_field=party_id", None),
    ("k_return=/offers/compose&k_field=bad-name", None),
    ("", None),
])
def test_back_to_picker_returns_only_to_local_forms(app, args, expected):
    with app.test_request_context(f"/sample/notes/new?{args}"):
        answer = back_to_picker(9)
    assert (answer.headers["Location"] if answer else None) == expected


def test_generic_create_form_returns_to_the_picker(people):
    made = people["ann"].post(
        "/sample/notes/new?k_return=/elsewhere%3Fa%3D1&k_field=note_id",
        data={"title": "Fresh", "amount": ""})
    assert made.status_code == 303
    assert made.headers["Location"].startswith("/elsewhere?a=1&note_id=")
