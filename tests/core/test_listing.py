"""Listing: keyset pagination, filters, search, sort validation and record rules in the SQL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import event, text

from core.db import session
from core.errors import ValidationError
from core.identity import Principal
from core.identity.models import User
from core.kernel import kontora
from core.listing import count_records, iter_records, list_records
from tests.conftest import TEST_DB
from tests.sample_plugin.models import SampleNote

TITLES = ["alpha", "beta", "beta", "gamma", "alpha", "delta"]


@pytest.fixture
def ctx(app):
    """An app context with an open unit of work, two users and notes owned by both."""
    k = kontora(app)
    with app.app_context(), k.db.unit() as s:
        ann, bob = User(login="ann", name="Ann"), User(login="bob", name="Bob")
        s.add_all([ann, bob])
        s.flush()
        notes = []
        for n in range(23):
            amount = None if n % 5 == 0 else Decimal(n % 4) + Decimal("0.25")
            notes.append(SampleNote(title=TITLES[n % len(TITLES)] + ("_x" if n == 7 else ""),
                                    amount=amount, owner_id=ann.id if n % 3 else bob.id))
        s.add_all(notes)
        s.flush()
        yield {"ann": ann, "bob": bob, "notes": notes,
               "all": staff(ann, "all"), "own": staff(ann, "own")}


def staff(user: User, scope: str, *permissions: str) -> Principal:
    grants = {p: scope for p in (permissions or ("sample.read", "sample.write"))}
    return Principal(kind="staff", id=user.id, name=user.name, grants=grants)


def walk(principal, limit=4, **kw) -> list[int]:
    ids, cursor, pages = [], None, 0
    while True:
        page = list_records(principal, "sample.note", cursor=cursor, limit=limit, **kw)
        ids.extend(n.id for n in page.items)
        pages += 1
        assert pages < 100
        if page.next_cursor is None:
            return ids
        cursor = page.next_cursor


def expected(notes, column: str, descending: bool) -> list[int]:
    """Python's idea of the order: the column, ties by id the same way, NULLs last."""
    present = [n for n in notes if getattr(n, column) is not None]
    missing = [n for n in notes if getattr(n, column) is None]
    present.sort(key=lambda n: (getattr(n, column), n.id), reverse=descending)
    missing.sort(key=lambda n: n.id, reverse=descending)
    return [n.id for n in present + missing]


@pytest.mark.parametrize("sort", ["title", "-title", "amount", "-amount", "id", "-id",
                                  "created_at", "-owner_id"])
@pytest.mark.parametrize("limit", [1, 4, 7, 23, 50])
def test_pages_walk_every_row_once_in_order_including_ties(ctx, sort, limit):
    ids = walk(ctx["all"], limit=limit, sort=sort)
    assert len(ids) == len(set(ids)) == 23
    assert ids == expected(ctx["notes"], sort.lstrip("-"), sort.startswith("-"))


def test_default_sort_is_the_kinds_declared_one(ctx):
    assert walk(ctx["all"]) == sorted((n.id for n in ctx["notes"]), reverse=True)


def test_rows_added_during_a_walk_neither_repeat_nor_shift_pages(ctx):
    from core.db import session

    first = list_records(ctx["all"], "sample.note", sort="title", limit=5)
    session().add_all([SampleNote(title="aaa"), SampleNote(title="beta")])
    session().flush()
    rest = _walk_from(ctx["all"], first.next_cursor, sort="title")
    seen = [n.id for n in first.items] + rest
    assert len(seen) == len(set(seen))
    assert set(n.id for n in ctx["notes"]) <= set(seen)


def _walk_from(principal, cursor, **kw) -> list[int]:
    ids = []
    while cursor:
        page = list_records(principal, "sample.note", cursor=cursor, limit=5, **kw)
        ids.extend(n.id for n in page.items)
        cursor = page.next_cursor
    return ids


def test_record_rules_apply_to_lists_counts_and_exports(ctx):
    mine = {n.id for n in ctx["notes"] if n.owner_id == ctx["ann"].id}
    assert set(walk(ctx["own"], sort="title")) == mine
    assert count_records(ctx["own"], "sample.note") == len(mine)
    assert {n.id for n in iter_records(ctx["own"], "sample.note", batch=3)} == mine
    assert count_records(ctx["all"], "sample.note") == 23
    hidden = Principal(kind="staff", id=ctx["ann"].id, name="Ann", grants={"other.read": "all"})
    with pytest.raises(Exception) as err:
        list_records(hidden, "sample.note")
    assert getattr(err.value, "status", None) == 403


def test_export_iterator_yields_everything_in_list_order(ctx):
    exported = [n.id for n in iter_records(ctx["all"], "sample.note", sort="-amount", batch=2)]
    assert exported == expected(ctx["notes"], "amount", True)


def test_filters_by_value_and_lookup(ctx):
    notes = ctx["notes"]
    page = list_records(ctx["all"], "sample.note", filters={"title": "beta"}, limit=100)
    assert {n.id for n in page.items} == {n.id for n in notes if n.title == "beta"}
    page = list_records(ctx["all"], "sample.note", filters={"amount__gte": "2"}, limit=100)
    assert {n.id for n in page.items} == {n.id for n in notes
                                          if n.amount is not None and n.amount >= 2}
    page = list_records(ctx["all"], "sample.note", filters={"amount__isnull": "true"},
                        limit=100)
    assert {n.id for n in page.items} == {n.id for n in notes if n.amount is None}
    page = list_records(ctx["all"], "sample.note", filters={"title__in": "alpha,delta"},
                        limit=100)
    assert {n.id for n in page.items} == {n.id for n in notes
                                          if n.title in ("alpha", "delta")}
    filtered = walk(ctx["all"], limit=2, filters={"title__ne": "beta"}, sort="amount")
    assert filtered == [i for i in expected(notes, "amount", False)
                        if next(n for n in notes if n.id == i).title != "beta"]


@pytest.mark.parametrize(("filters", "field"), [
    ({"colour": "red"}, "colour"),
    ({"title__near": "x"}, "title__near"),
    ({"amount": "lots"}, "amount"),
    ({"amount__gt": "NaN"}, "amount__gt"),
    ({"id": "99999999999999999999999"}, "id"),
    ({"created_at__gte": "yesterday"}, "created_at__gte"),
    ({"amount__lt": None}, "amount__lt"),
    ({"title": "a\x00b"}, "title"),
])
def test_bad_filters_name_the_parameter(ctx, filters, field):
    with pytest.raises(ValidationError) as err:
        list_records(ctx["all"], "sample.note", filters=filters)
    assert field in err.value.fields


@pytest.mark.parametrize("sort", ["colour", "-colour", "title;drop", "--title"])
def test_unknown_sort_is_a_field_error(ctx, sort):
    with pytest.raises(ValidationError) as err:
        list_records(ctx["all"], "sample.note", sort=sort)
    assert "sort" in err.value.fields


@pytest.mark.parametrize("limit", [0, -1, 501, True])
def test_page_size_is_bounded(ctx, limit):
    with pytest.raises(ValidationError) as err:
        list_records(ctx["all"], "sample.note", limit=limit)
    assert "limit" in err.value.fields


def test_a_cursor_is_signed_and_bound_to_its_sort(ctx):
    page = list_records(ctx["all"], "sample.note", sort="title", limit=3)
    for bad in ["garbage", page.next_cursor[:-2] + "xx", page.next_cursor + "A", "e30"]:
        with pytest.raises(ValidationError) as err:
            list_records(ctx["all"], "sample.note", sort="title", cursor=bad)
        assert "cursor" in err.value.fields
    with pytest.raises(ValidationError):
        list_records(ctx["all"], "sample.note", sort="-title", cursor=page.next_cursor)


def test_search_matches_every_word_and_escapes_wildcards(ctx):
    page = list_records(ctx["all"], "sample.note", search="ALP", limit=100)
    assert {n.title for n in page.items} == {"alpha"}
    page = list_records(ctx["all"], "sample.note", search="a _x", limit=100)
    assert [n.title for n in page.items] == ["beta_x"]
    assert list_records(ctx["all"], "sample.note", search="%", limit=100).items == []
    assert list_records(ctx["all"], "sample.note", search="beta zzz", limit=100).items == []


@pytest.mark.skipif(TEST_DB != "postgresql", reason="reads a PostgreSQL query plan")
@pytest.mark.parametrize("sort", ["title", "-title"])
def test_a_next_page_seeks_into_the_sort_index_instead_of_walking_from_the_start(ctx, sort):
    """The cursor condition must be an index range, or page 10,000 costs what OFFSET costs."""
    s = session()
    first = list_records(ctx["all"], "sample.note", sort=sort, limit=3)
    ran: list[tuple[str, dict]] = []

    def grab(conn, cursor, statement, parameters, context, executemany):
        ran.append((statement, parameters))

    savepoint = s.begin_nested()
    s.execute(text("CREATE INDEX ix_test_sample_note_title ON sample_note (title, id)"))
    s.execute(text("SET LOCAL enable_seqscan = off"))  # a 23-row table would be scanned
    engine = kontora().db.engine
    event.listen(engine, "before_cursor_execute", grab)
    try:
        list_records(ctx["all"], "sample.note", sort=sort, cursor=first.next_cursor, limit=3)
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    statement, parameters = ran[-1]
    plan = s.connection().exec_driver_sql("EXPLAIN " + statement, parameters).scalars().all()
    savepoint.rollback()
    assert any("Index Cond" in line and "title" in line for line in plan), "\n".join(plan)
