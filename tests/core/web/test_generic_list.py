"""Generic list pages: search, filters, sort by column, keyset pages, record rules."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

import pytest
from sqlalchemy import insert, select

from core.kernel import kontora
from tests.sample_plugin.models import SampleNote

ROW = re.compile(r'<tr data-href="/sample/notes/(\d+)"')
NEXT = re.compile(r'href="([^"]+)" rel="next"')


@pytest.fixture
def notes(app, sign_in):
    """Ann (own scope) and Bob's notes, 30 of Ann's, 5 of Bob's."""
    ann = sign_in("ann", ["sample.read", "sample.write"], scope="own")
    bob = sign_in("bob", ["sample.read"], scope="all")
    with kontora(app).db.unit() as s:
        rows = [{"title": f"{'apple' if n % 3 == 0 else 'pear'} {n:02d}", "amount": Decimal(n),
                 "owner_id": ann.user_id} for n in range(30)]
        rows += [{"title": f"apple of bob {n}", "amount": Decimal(100 + n),
                  "owner_id": bob.user_id} for n in range(5)]
        s.execute(insert(SampleNote), rows)
        ids = dict(s.execute(select(SampleNote.title, SampleNote.id)).all())
    return {"ann": ann, "bob": bob, "ids": ids}


def walk(browser, url: str) -> list[int]:
    """Every id shown by following "Next" from ``url``."""
    seen: list[int] = []
    for _ in range(50):
        response = browser.get(url)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        seen.extend(int(i) for i in ROW.findall(page))
        nxt = NEXT.search(page)
        if not nxt:
            return seen
        url = unescape(nxt.group(1))
    raise AssertionError("pagination never ended")


def test_keyset_pages_cover_every_visible_row_once_newest_first(notes):
    ann_ids = [i for t, i in notes["ids"].items() if "bob" not in t]
    seen = walk(notes["ann"], "/sample/notes/")
    assert seen == sorted(ann_ids, reverse=True)  # own scope: none of Bob's
    assert len(walk(notes["bob"], "/sample/notes/")) == 35


def test_pages_are_keyset_links_not_offsets(notes):
    page = notes["ann"].get("/sample/notes/").get_data(as_text=True)
    link = unescape(NEXT.search(page).group(1))
    assert "cursor=" in link and "offset" not in link
    assert "Page 1" in page
    assert "Page 2" in notes["ann"].get(link).get_data(as_text=True)


def test_search_and_filters_narrow_every_page(notes):
    seen = walk(notes["bob"], "/sample/notes/?q=apple&amount__gte=3&amount__lte=101")
    expected = {i for t, i in notes["ids"].items()
                if "apple" in t and 3 <= (int(t.split()[-1]) + (100 if "bob" in t else 0)) <= 101}
    assert set(seen) == expected and len(seen) == len(expected)


@pytest.mark.parametrize("sort", ["title", "-title", "amount", "-amount"])
def test_sort_by_column_across_pages(notes, sort):
    seen = walk(notes["bob"], f"/sample/notes/?sort={sort}")
    by_id = {i: t for t, i in notes["ids"].items()}
    key = (lambda i: by_id[i]) if "title" in sort else (lambda i: seen.index(i))
    if "title" in sort:
        assert seen == sorted(seen, key=key, reverse=sort.startswith("-"))
    else:
        amounts = [int(by_id[i].split()[-1]) + (100 if "bob" in by_id[i] else 0) for i in seen]
        assert amounts == sorted(amounts, reverse=sort.startswith("-"))


def test_column_headers_toggle_the_sort(notes):
    page = notes["bob"].get("/sample/notes/?sort=title").get_data(as_text=True)
    assert 'href="/sample/notes/?sort=-title"' in page
    assert 'aria-sort="ascending"' in page
    assert "?sort=owner_id" not in page  # declared not sortable


def test_bad_filter_value_is_shown_beside_the_filter_not_a_crash(notes):
    response = notes["bob"].get("/sample/notes/?amount__gte=lots")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="flt-amount__gte"' in page and "is-invalid" in page
    assert "Not a valid number." in page


def test_forged_cursor_and_unknown_sort_are_refused_politely(notes):
    assert notes["bob"].get("/sample/notes/?cursor=garbage").status_code == 422
    assert notes["bob"].get("/sample/notes/?sort=password_hash").status_code == 422


def test_list_needs_the_read_permission(sign_in):
    assert sign_in("eve", []).get("/sample/notes/").status_code == 403


def test_list_rows_carry_badges_from_the_hook(app, notes):
    from core import hookimpl

    class Badges:
        @hookimpl
        def kontora_list_badges(self, kind, record_ids):
            return [{"record_id": i, "key": "probe", "label": "Probe", "title": "t",
                     "tone": "warning"} for i in record_ids if kind == "sample.note"]

    kontora(app).pm.register(Badges())
    page = notes["ann"].get("/sample/notes/").get_data(as_text=True)
    shown = len(re.findall(r'<tr data-href=', page))
    assert shown > 0 and page.count('data-badge="probe"') == shown
