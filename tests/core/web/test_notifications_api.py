"""``/api/v1/notifications``: one's own notifications, listed in pages and marked read."""

from __future__ import annotations

import pytest

from core.kernel import kontora
from core.web.notifications import PAGE_SIZE, notify, unread_count
from tests.core.api.support import bearer, make_user

NOTES = "/api/v1/notifications"


def _users(app):
    """Ann (with a token) and Bob, each with notifications; returns ids and Ann's headers."""
    with app.app_context(), kontora(app).db.unit():
        ann, bob = make_user("ann", ["sample.read"]), make_user("bob", ["sample.read"])
        headers = bearer(ann)
        notes = [notify(ann.id, f"Note {n}", link="/sample/notes/").id
                 for n in range(PAGE_SIZE + 2)]
        other = notify(bob.id, "Not for Ann").id
        return ann.id, bob.id, headers, notes, other


@pytest.mark.parametrize(("method", "path"), [
    ("GET", ""), ("POST", "/1/read"), ("POST", "/read-all")])
def test_strangers_are_turned_away(app, method, path):
    assert app.test_client().open(NOTES + path, method=method).status_code == 401


def test_ones_own_notifications_come_in_pages_newest_first(app):
    _ann, _bob, headers, notes, _other = _users(app)
    client = app.test_client()
    first = client.get(NOTES, headers=headers).get_json()
    assert [n["id"] for n in first["items"]] == notes[::-1][:PAGE_SIZE]
    assert first["unread"] == PAGE_SIZE + 2 and first["older"] == notes[2]
    assert first["items"][0] | {"created_at": None} == {
        "id": notes[-1], "message": f"Note {PAGE_SIZE + 1}", "link": "/sample/notes/",
        "read_at": None, "created_at": None}
    rest = client.get(NOTES, query_string={"before": first["older"]}, headers=headers)
    assert [n["id"] for n in rest.get_json()["items"]] == notes[1::-1]
    assert rest.get_json()["older"] is None
    for before in ("x", "-1", "²", "99999999999999999999"):
        bad = client.get(NOTES, query_string={"before": before}, headers=headers)
        assert bad.status_code == 422 and "before" in bad.get_json()["fields"], before


def test_marking_read_touches_only_ones_own(app):
    ann, bob, headers, notes, other = _users(app)
    client = app.test_client()
    read = client.post(f"{NOTES}/{notes[0]}/read", headers=headers)
    assert read.status_code == 200 and read.get_json()["read_at"]
    assert client.post(f"{NOTES}/{other}/read", headers=headers).status_code == 404
    assert client.post(f"{NOTES}/999999/read", headers=headers).status_code == 404
    marked = client.post(f"{NOTES}/read-all", headers=headers)
    assert marked.status_code == 200 and marked.get_json() == {"marked": PAGE_SIZE + 1}
    assert client.post(f"{NOTES}/read-all", headers=headers).get_json() == {"marked": 0}
    with app.app_context(), kontora(app).db.unit():
        assert (unread_count(ann), unread_count(bob)) == (0, 1)
