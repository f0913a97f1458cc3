"""The generic note resource: CRUD, pagination, filters, ETags, tokens and record rules."""

from __future__ import annotations

from core.identity.models import ApiToken
from core.kernel import kontora

NOTES = "/api/v1/sample.note"


def create(api, headers, **data):
    r = api.client.post(NOTES, json={"title": "note", **data}, headers=headers)
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def walk(api, headers, query: str = "", limit: int = 2) -> list[dict]:
    items, cursor = [], None
    for _ in range(100):
        url = f"{NOTES}?limit={limit}{query}" + (f"&cursor={cursor}" if cursor else "")
        body = api.client.get(url, headers=headers).get_json()
        items.extend(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


def test_create_read_update_delete(api):
    note = create(api, api.ann, title="First", amount="12.50")
    assert note["amount"] == "12.50" and note["owner_id"] == api.ann_id and note["version"] == 1
    url = f"{NOTES}/{note['id']}"
    got = api.client.get(url, headers=api.ann)
    assert got.get_json()["title"] == "First" and got.headers["ETag"] == '"1"'
    patched = api.client.patch(url, json={"amount": None}, headers=api.ann)
    assert patched.get_json()["amount"] is None and patched.headers["ETag"] == '"2"'
    put = api.client.put(url, json={"title": "Second", "amount": "1"}, headers=api.ann)
    assert put.status_code == 200 and put.get_json()["title"] == "Second"
    incomplete = api.client.put(url, json={"amount": "1"}, headers=api.ann)
    assert incomplete.status_code == 422 and "title" in incomplete.get_json()["fields"]
    assert api.client.delete(url, headers=api.ann).status_code == 204
    assert api.client.get(url, headers=api.ann).status_code == 404


def test_etag_if_match_and_if_none_match(api):
    note = create(api, api.ann)
    url = f"{NOTES}/{note['id']}"
    assert api.client.get(url, headers={**api.ann, "If-None-Match": '"1"'}).status_code == 304
    ok = api.client.patch(url, json={"title": "b"}, headers={**api.ann, "If-Match": '"1"'})
    assert ok.status_code == 200 and ok.headers["ETag"] == '"2"'
    stale = api.client.patch(url, json={"title": "c"}, headers={**api.ann, "If-Match": '"1"'})
    assert stale.status_code == 409
    assert api.client.delete(url, headers={**api.ann, "If-Match": '"1"'}).status_code == 409
    bad = api.client.patch(url, json={"title": "c"}, headers={**api.ann, "If-Match": "nonsense"})
    assert bad.status_code == 412 and bad.get_json()["error"] == "precondition_failed"
    star = api.client.patch(url, json={"title": "d"}, headers={**api.ann, "If-Match": "*"})
    assert star.status_code == 200
    assert api.client.get(url, headers=api.ann).get_json()["title"] == "d"


def test_pages_walk_every_note_once_with_ties(api):
    ids = {create(api, api.boss, title=["b", "a", "b"][n % 3])["id"] for n in range(9)}
    for query in ("", "&sort=title", "&sort=-title", "&sort=amount"):
        walked = [n["id"] for n in walk(api, api.boss, query)]
        assert len(walked) == len(set(walked)) == 9 and set(walked) == ids
    titles = [n["title"] for n in walk(api, api.boss, "&sort=title")]
    assert titles == sorted(titles)


def test_filters_search_and_their_validation(api):
    for n in range(4):
        create(api, api.ann, title=f"Bolt {n}", amount=str(n))
    create(api, api.ann, title="Nut")
    assert len(walk(api, api.ann, "&q=bolt")) == 4
    assert [n["title"] for n in walk(api, api.ann, "&amount__gte=2&sort=amount")] == \
        ["Bolt 2", "Bolt 3"]
    for query, field in (("colour=red", "colour"), ("sort=colour", "sort"),
                         ("amount=abc", "amount"), ("limit=0", "limit"), ("limit=x", "limit"),
                         ("cursor=forged", "cursor"), ("title__regex=x", "title__regex")):
        r = api.client.get(f"{NOTES}?{query}", headers=api.ann)
        assert r.status_code == 422, query
        assert field in r.get_json()["fields"], query


def test_record_rules_hide_another_owners_notes(api):
    theirs = create(api, api.bob, title="Bob's")
    mine = create(api, api.ann, title="Ann's")
    url = f"{NOTES}/{theirs['id']}"
    assert api.client.get(url, headers=api.ann).status_code == 404
    assert api.client.patch(url, json={"title": "x"}, headers=api.ann).status_code == 404
    assert api.client.delete(url, headers=api.ann).status_code == 404
    assert [n["id"] for n in walk(api, api.ann)] == [mine["id"]]
    assert not walk(api, api.ann, "&q=Bob")
    assert {n["id"] for n in walk(api, api.boss)} == {mine["id"], theirs["id"]}


def test_token_scopes_and_revocation(api):
    note = create(api, api.ann)
    url = f"{NOTES}/{note['id']}"
    assert api.client.get(url, headers=api.ann_read_only).status_code == 200
    r = api.client.patch(url, json={"title": "x"}, headers=api.ann_read_only)
    assert r.status_code == 403
    k = kontora(api.app)
    with api.app.app_context(), k.db.unit() as s:
        for token in s.query(ApiToken).filter_by(user_id=api.ann_id):
            token.revoked_at = token.created_at
    assert api.client.get(url, headers=api.ann).status_code == 401
