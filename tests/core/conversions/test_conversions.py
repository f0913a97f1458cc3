"""Conversions: offered by permission and plugin, idempotent unless repeats are allowed,
linked on both sides, audited and announced; through the services, the web and the API."""

from __future__ import annotations

from decimal import Decimal

import pytest
from flask import render_template_string
from sqlalchemy import func, select

from core.audit.models import AuditEntry
from core.conversions import (
    available_conversions,
    conversions,
    convert,
    document_chain,
    read_content,
)
from core.conversions.models import DocumentLink
from core.errors import Forbidden, NotFound
from core.kernel import kontora
from tests.core.api.support import bearer, make_user, principal_of
from tests.core.conversions.target_plugin.models import Copy, Draft
from tests.sample_plugin.models import SampleNote

RIGHTS = ["sample.read", "sample.write", "convtarget.read", "convtarget.write",
          "convtarget.convert"]


@pytest.fixture
def world(make_app):
    """Ann may convert, Cid may only read; Ann's note and Bob's note."""
    app = make_app(plugins="sample,convtarget")
    k = kontora(app)
    with app.app_context(), k.db.unit() as s:
        ann = make_user("ann", RIGHTS, "own")
        bob = make_user("bob", RIGHTS, "own")
        cid = make_user("cid", ["sample.read", "convtarget.read"], "all")
        mine = SampleNote(title="Ann's note", amount=Decimal("12.30"), owner_id=ann.id)
        theirs = SampleNote(title="Bob's note", owner_id=bob.id)
        s.add_all([mine, theirs])
        s.flush()
        ids = {"ann": ann.id, "bob": bob.id, "cid": cid.id, "mine": mine.id,
               "theirs": theirs.id, "ann_headers": bearer(ann), "cid_headers": bearer(cid)}
    return app, ids


def in_unit(app):
    k = kontora(app)
    ctx = app.test_request_context()
    ctx.push()
    unit = k.db.unit()
    unit.open()
    return ctx, unit


@pytest.fixture
def unit(world):
    app, ids = world
    ctx, unit = in_unit(app)
    from core.identity.models import User

    def who(name):
        return principal_of(unit.session.get(User, ids[name]))

    yield app, ids, who
    unit.close(commit=True)
    ctx.pop()


def test_source_is_read_through_the_document_content_protocol(unit):
    _, ids, _ = unit
    content = read_content("sample.note", ids["mine"])
    assert content["reference"] == "Ann's note" and content["totals"]["gross"] == Decimal("12.30")
    with pytest.raises(NotFound):
        read_content("sample.note", 999999)


def test_converting_twice_returns_the_first_target(unit):
    _, ids, who = unit
    first = convert(who("ann"), "sample.note", ids["mine"], "convtarget.copy")
    again = convert(who("ann"), "sample.note", ids["mine"], "convtarget.copy")
    assert first.created and not again.created
    assert again.target_id == first.target_id
    assert first.record.title == "Copy of Ann's note" and first.record.total == Decimal("12.30")
    from core.db import session

    assert session().scalar(select(func.count()).select_from(Copy)) == 1
    assert session().scalar(select(func.count()).select_from(DocumentLink)) == 1


def test_repeatable_conversions_make_a_new_target_each_time(unit):
    _, ids, who = unit
    one = convert(who("ann"), "sample.note", ids["mine"], "convtarget.draft")
    two = convert(who("ann"), "sample.note", ids["mine"], "convtarget.draft")
    assert one.created and two.created and one.target_id != two.target_id
    offered = {o.conversion.target: o for o in
               available_conversions(who("ann"), "sample.note", ids["mine"])}
    assert offered["convtarget.draft"].existing == (one.target_id, two.target_id)
    assert not offered["convtarget.draft"].done


def test_a_deleted_target_may_be_made_again(unit):
    _, ids, who = unit
    from core.db import session

    first = convert(who("ann"), "sample.note", ids["mine"], "convtarget.copy")
    session().delete(first.record)
    session().flush()
    again = convert(who("ann"), "sample.note", ids["mine"], "convtarget.copy")
    assert again.created
    assert session().scalar(select(func.count()).select_from(Copy)) == 1


def test_the_chain_shows_on_both_documents(unit):
    _, ids, who = unit
    copy = convert(who("ann"), "sample.note", ids["mine"], "convtarget.copy")
    draft = convert(who("ann"), "sample.note", ids["mine"], "convtarget.draft")
    from_source = document_chain("sample.note", ids["mine"], who("ann"))
    from_target = document_chain("convtarget.copy", copy.target_id, who("ann"))
    expected = [("sample.note", ids["mine"]), ("convtarget.copy", copy.target_id),
                ("convtarget.draft", draft.target_id)]
    assert [(e.kind, e.record_id) for e in from_source] == expected
    assert [(e.kind, e.record_id) for e in from_target] == expected
    assert [e.current for e in from_target] == [False, True, False]
    assert from_source[0].linked_at is None and from_source[1].linked_at is not None
    assert document_chain("sample.note", ids["theirs"], who("ann")) == []


def test_the_chain_hides_records_a_rule_hides(unit):
    _, ids, who = unit
    copy = convert(who("ann"), "sample.note", ids["mine"], "convtarget.copy")
    chain = document_chain("convtarget.copy", copy.target_id, who("bob"))
    assert chain == []  # Bob sees neither Ann's note nor her copy


def test_only_permitted_conversions_are_offered_and_run(unit):
    _, ids, who = unit
    offered = available_conversions(who("ann"), "sample.note", ids["mine"])
    assert {o.conversion.target for o in offered} == {"convtarget.copy", "convtarget.draft"}
    assert available_conversions(who("cid"), "sample.note", ids["mine"]) == []
    with pytest.raises(Forbidden):
        convert(who("cid"), "sample.note", ids["mine"], "convtarget.copy")


def test_record_rules_apply_to_the_source(unit):
    _, ids, who = unit
    with pytest.raises(NotFound):
        convert(who("ann"), "sample.note", ids["theirs"], "convtarget.copy")
    with pytest.raises(NotFound):
        available_conversions(who("ann"), "sample.note", ids["theirs"])
    with pytest.raises(NotFound):
        convert(who("ann"), "sample.note", ids["mine"], "nothing.here")


def test_conversions_are_audited_and_announced_after_commit(world):
    app, ids = world
    k = kontora(app)
    heard = []
    k.events.connect("core.record-converted", lambda sender, **kw: heard.append((sender, kw)))
    with app.test_request_context(), k.db.unit() as s:
        from core.identity.models import User

        ann = principal_of(s.get(User, ids["ann"]))
        result = convert(ann, "sample.note", ids["mine"], "convtarget.copy")
        assert heard == []
    assert heard == [("sample.note", {"record_id": ids["mine"], "target_kind": "convtarget.copy",
                                      "target_id": result.target_id, "user_id": ids["ann"]})]
    with app.app_context(), k.db.unit() as s:
        actions = {(e.record_kind, e.action) for e in s.scalars(select(AuditEntry))}
    assert ("sample.note", "convert") in actions and ("convtarget.copy", "create") in actions


def test_a_conversion_whose_source_plugin_is_disabled_is_not_offered(make_app):
    app = make_app(plugins="convtarget")
    with app.app_context():
        assert conversions() == {}
    app = make_app(plugins="sample,convtarget")
    with app.app_context():
        assert set(conversions()) == {("sample.note", "convtarget.copy"),
                                      ("sample.note", "convtarget.draft")}


# --- API -----------------------------------------------------------------------------


def test_api_converts_once_then_returns_the_existing_target(world):
    app, ids = world
    client = app.test_client()
    url = f"/api/v1/sample.note/{ids['mine']}/convert/convtarget.copy"
    first = client.post(url, headers=ids["ann_headers"])
    assert first.status_code == 201
    body = first.get_json()
    assert body["kind"] == "convtarget.copy" and body["created"] is True
    again = client.post(url, headers=ids["ann_headers"])
    assert again.status_code == 200 and again.get_json()["id"] == body["id"]
    links = client.get(f"/api/v1/convtarget.copy/{body['id']}/links", headers=ids["ann_headers"])
    assert [(i["kind"], i["id"]) for i in links.get_json()["items"]] == [
        ("sample.note", ids["mine"]), ("convtarget.copy", body["id"])]
    source_links = client.get(f"/api/v1/sample.note/{ids['mine']}/links",
                              headers=ids["ann_headers"]).get_json()
    assert [i["current"] for i in source_links["items"]] == [True, False]


def test_api_refuses_without_permission_or_outside_the_rules(world):
    app, ids = world
    client = app.test_client()
    url = "/api/v1/sample.note/{}/convert/convtarget.copy"
    assert client.post(url.format(ids["mine"]), headers=ids["cid_headers"]).status_code == 403
    assert client.post(url.format(ids["theirs"]), headers=ids["ann_headers"]).status_code == 404
    anonymous = client.post(url.format(ids["mine"]))  # no token, no session: refused
    assert anonymous.status_code == 401 and anonymous.get_json()["error"] == "not_authenticated"
    r = client.get(f"/api/v1/sample.note/{ids['theirs']}/links", headers=ids["ann_headers"])
    assert r.status_code == 404
    with app.app_context(), kontora(app).db.unit() as s:
        assert s.scalar(select(func.count()).select_from(Copy)) == 0


# --- web -----------------------------------------------------------------------------


def signed_in(app, user_id: int):
    from core.identity.models import User
    from core.identity.users import staff_session_id

    client = app.test_client()
    with app.app_context(), kontora(app).db.unit() as s:
        session_id = staff_session_id(s.get(User, user_id))
    with client.session_transaction() as sess:
        sess["_user_id"] = session_id
        sess["_fresh"] = True
    return client


def test_web_button_converts_redirects_and_flashes(world):
    app, ids = world
    app.config["WTF_CSRF_ENABLED"] = False
    client = signed_in(app, ids["ann"])
    r = client.post(f"/convert/sample.note/{ids['mine']}/convtarget.draft")
    assert r.status_code == 302
    with client.session_transaction() as sess:
        assert any("Draft from Ann's note" in m for _, m in sess["_flashes"])
    with app.app_context(), kontora(app).db.unit() as s:
        assert s.scalar(select(func.count()).select_from(Draft)) == 1
    refused = client.post(f"/convert/sample.note/{ids['theirs']}/convtarget.draft")
    assert refused.status_code == 404


def test_web_convert_needs_a_csrf_token(world):
    app, ids = world
    client = signed_in(app, ids["ann"])
    r = client.post(f"/convert/sample.note/{ids['mine']}/convtarget.draft")
    assert r.status_code == 400


def test_partials_show_buttons_and_chain(world):
    app, ids = world
    template = ('{% include "conversions/_buttons.html" %}|'
                '{% include "conversions/_chain.html" %}')
    app.add_url_rule("/test-partials/<int:note_id>", "test_partials", lambda note_id:
                     render_template_string(template, kind="sample.note", record_id=note_id))
    client = signed_in(app, ids["ann"])
    buttons, chain = client.get(f"/test-partials/{ids['mine']}").get_data(as_text=True).split("|")
    assert "Make a copy" in buttons and "Start a draft" in buttons
    assert f"/convert/sample.note/{ids['mine']}/convtarget.copy" in buttons
    assert 'name="csrf_token"' in buttons
    assert chain.strip() == ""
    app.config["WTF_CSRF_ENABLED"] = False
    client.post(f"/convert/sample.note/{ids['mine']}/convtarget.copy")
    buttons, chain = client.get(f"/test-partials/{ids['mine']}").get_data(as_text=True).split("|")
    assert "Copy of Ann&#39;s note" in chain and "Ann&#39;s note" in chain
    assert "bi-check2" in buttons  # the copy exists: the button now opens it
    reader = signed_in(app, ids["cid"]).get(f"/test-partials/{ids['mine']}")
    buttons, chain = reader.get_data(as_text=True).split("|")
    assert buttons.strip() == "" and "Copy of Ann&#39;s note" in chain  # sees, may not convert
