"""In-app notifications: the service, the bell's count, marking read, privacy."""

from __future__ import annotations

import re

import pytest

from core.kernel import kontora
from core.web.notifications import notify, unread_count


def unread_badge(page: str) -> int:
    match = re.search(r'data-unread="(\d+)"', page)
    return int(match.group(1)) if match else 0


def test_bell_counts_unread_and_marking_read_lowers_it(app, sign_in):
    ann, bob = sign_in("ann"), sign_in("bob")
    with kontora(app).db.unit():
        first = notify(ann.user_id, "Offer 7 was accepted", link="/sample/notes/")
        notify(ann.user_id, "Invoice 3 is overdue")
        notify(bob.user_id, "Not for Ann")
    assert unread_badge(ann.get("/").get_data(as_text=True)) == 2
    assert unread_badge(bob.get("/").get_data(as_text=True)) == 1

    page = ann.get("/notifications").get_data(as_text=True)
    assert "Offer 7 was accepted" in page and "Not for Ann" not in page

    opened = ann.post(f"/notifications/{first.id}/read", {"open": "1"})
    assert opened.status_code == 302 and opened.headers["Location"] == "/sample/notes/"
    assert unread_badge(ann.get("/notifications/badge").get_data(as_text=True)) == 1

    ann.post("/notifications/read-all")
    assert unread_badge(ann.get("/").get_data(as_text=True)) == 0
    assert unread_badge(bob.get("/").get_data(as_text=True)) == 1


def test_nobody_marks_another_users_notification(app, sign_in):
    ann, bob = sign_in("ann"), sign_in("bob")
    with kontora(app).db.unit():
        note = notify(ann.user_id, "private")
    assert bob.post(f"/notifications/{note.id}/read").status_code == 404
    with kontora(app).db.unit():
        assert unread_count(ann.user_id) == 1


def test_htmx_mark_read_returns_the_updated_item(app, sign_in):
    ann = sign_in("ann")
    with kontora(app).db.unit():
        note = notify(ann.user_id, "hello")
    response = ann.post(f"/notifications/{note.id}/read", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert f'id="n-{note.id}"' in response.get_data(as_text=True)


def test_notification_is_dropped_with_a_rolled_back_transaction(app, sign_in):
    ann = sign_in("ann")
    with pytest.raises(RuntimeError), kontora(app).db.unit():
        notify(ann.user_id, "about a fact that never happened")
        raise RuntimeError("rollback")
    with kontora(app).db.unit():
        assert unread_count(ann.user_id) == 0


def test_links_must_stay_on_the_web(app, sign_in):
    ann = sign_in("ann")
    with kontora(app).db.unit():
        for bad in ("javascript:alert(1)", "//evil.example/x"):
            with pytest.raises(ValueError):
                notify(ann.user_id, "x", link=bad)
        long = notify(ann.user_id, "y" * 600, link="https://example.com/a")
        assert len(long.message) == 500
