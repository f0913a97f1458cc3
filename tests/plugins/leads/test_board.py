"""The board's columns are paged: the first cards, "Show more" for the next ones (keyset),
counts and totals over every lead of the column, statements independent of the leads."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import event

from core.kernel import kontora
from plugins.leads.models import Lead
from plugins.leads.services.board import PAGE
from tests.core.api.support import bearer
from tests.plugins.leads.conftest import SALES, stage

CARD = re.compile(r'<li class="lead-card"[^>]*data-lead-id="(\d+)"')
MORE = re.compile(r'<li class="lead-more" data-more="(\d+)">\s*<a [^>]*href="([^"]+)"')


def _add_leads(app: Any, count: int, *, stage_name: str = "New", owner_id: int | None = None,
               start: int = 0) -> int:
    """``count`` leads in ``stage_name``, every third one entering at the same instant as
    its neighbour (ties ordered by id); budgets alternate RON and EUR, one has none."""
    base = datetime(2026, 11, 1, tzinfo=UTC)
    with app.app_context(), kontora(app).db.unit() as s:
        where = stage(stage_name)
        for n in range(start, start + count):
            s.add(Lead(title=f"Deal {n:03}", pipeline_id=where.pipeline_id, stage_id=where.id,
                       currency="RON" if n % 2 else "EUR", owner_id=owner_id,
                       budget=None if n == 0 else Decimal(n),
                       stage_entered_at=base + timedelta(minutes=n - n % 3)))
        s.flush()
        return where.id


def _cards_of(html: str, stage_id: int) -> list[int]:
    """The lead ids of stage ``stage_id``'s column, in page order."""
    section = html.split(f'data-stage-id="{stage_id}"', 1)[1].split("</section>", 1)[0]
    return [int(i) for i in CARD.findall(section)]


def _expected_order(app: Any, stage_id: int) -> list[int]:
    with app.app_context(), kontora(app).db.unit() as s:
        leads = s.query(Lead).filter(Lead.stage_id == stage_id).all()
        return [lead.id for lead in sorted(leads, key=lambda x: (x.stage_entered_at, x.id),
                                           reverse=True)]


def test_a_column_shows_a_page_and_appends_the_next_ones_in_a_stable_order(
        app, seeded, sign_in):
    browser = sign_in("ann", SALES)
    stage_id = _add_leads(app, 2 * PAGE + 7)
    expected = _expected_order(app, stage_id)
    board = browser.get("/leads/board").get_data(as_text=True)
    column = board.split(f'data-stage-id="{stage_id}"', 1)[1].split("</section>", 1)[0]
    assert _cards_of(board, stage_id) == expected[:PAGE]
    # the count and the totals are over all 57 leads, not the 25 shown
    assert f"data-column-count>{2 * PAGE + 7}<" in column
    ron = sum(n for n in range(2 * PAGE + 7) if n % 2)
    eur = sum(n for n in range(2 * PAGE + 7) if not n % 2)
    totals = column.split("data-column-totals>", 1)[1].split("</span>", 1)[0]
    assert totals.replace("\u00a0", "") == f"€{eur}.00 · RON{ron}.00"
    [(more_stage, url)] = MORE.findall(column)
    assert int(more_stage) == stage_id and "cursor=" in url

    seen = list(expected[:PAGE])
    url = url.replace("&amp;", "&")
    while url:
        fragment = browser.get(url, headers={"HX-Request": "true"})
        assert fragment.status_code == 200 and "HX-Request" in fragment.headers["Vary"]
        html = fragment.get_data(as_text=True)
        assert "<html" not in html and 'id="lead-board"' not in html  # only cards
        ids = [int(i) for i in CARD.findall(html)]
        assert ids and 'autofocus' in html.split("</li>", 1)[0]  # focus to the first new card
        seen += ids
        more = MORE.findall(html)
        url = more[0][1].replace("&amp;", "&") if more else ""
    assert seen == expected  # every lead once, in the board's order, ties by id


def test_show_more_without_javascript_is_a_page_of_its_own(app, seeded, sign_in):
    browser = sign_in("ann", SALES)
    stage_id = _add_leads(app, PAGE + 3)
    expected = _expected_order(app, stage_id)
    board = browser.get("/leads/board").get_data(as_text=True)
    [(_stage, url)] = MORE.findall(board)
    page = browser.get(url.replace("&amp;", "&"))
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<html" in html and "Back to the board" in html
    assert _cards_of(html, stage_id) == expected[PAGE:]
    assert f"data-column-count>{PAGE + 3}<" in html and not MORE.findall(html)
    assert 'name="from" value="board"' in html  # the cards move from here too
    assert "lead-column lead-column-page" in html and "Sales · " in html  # its own heading
    assert browser.get(f"/leads/board/stages/{stage_id}?cursor=forged").status_code == 422
    assert browser.get("/leads/board/stages/99999999").status_code == 404
    assert sign_in("dan", []).get(url.replace("&amp;", "&")).status_code == 403


def test_record_rules_hold_for_pages_counts_and_totals(app, seeded, sign_in):
    ann = sign_in("ann", SALES)
    bob = sign_in("bob", SALES, scope="own")
    _add_leads(app, PAGE + 2, owner_id=ann.user_id)
    stage_id = _add_leads(app, 3, owner_id=bob.user_id, start=100)
    board = bob.get("/leads/board").get_data(as_text=True)
    column = board.split(f'data-stage-id="{stage_id}"', 1)[1].split("</section>", 1)[0]
    assert len(_cards_of(board, stage_id)) == 3 and "data-column-count>3<" in column
    assert not MORE.findall(column)
    everyone = ann.get("/leads/board").get_data(as_text=True)
    assert f"data-column-count>{PAGE + 5}<" in everyone
    own = ann.get(f"/leads/board?owner={bob.user_id}").get_data(as_text=True)
    assert "data-column-count>3<" in own and not MORE.findall(own)


def _statements(app: Any, browser: Any, url: str, **kw: Any) -> int:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    engine = kontora(app).db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        response = browser.get(url, **kw)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200
    return len(seen)


def test_the_board_reads_the_same_statements_whatever_the_number_of_leads(
        app, seeded, sign_in):
    """Thirty leads or three hundred (in two stages, two currencies): the same statements
    for the board and for a "Show more" page, so the column's size costs rows, not queries."""
    browser = sign_in("ann", SALES)
    stage_id = _add_leads(app, PAGE + 5)
    _add_leads(app, 5, stage_name="Proposal")
    board = browser.get("/leads/board").get_data(as_text=True)
    more = MORE.findall(board)[0][1].replace("&amp;", "&")
    small = (_statements(app, browser, "/leads/board"),
             _statements(app, browser, more, headers={"HX-Request": "true"}))
    _add_leads(app, 250, start=PAGE + 5)
    _add_leads(app, 20, stage_name="Proposal", start=300)
    assert len(_cards_of(browser.get("/leads/board").get_data(as_text=True), stage_id)) == PAGE
    big = (_statements(app, browser, "/leads/board"),
           _statements(app, browser, more, headers={"HX-Request": "true"}))
    assert big == small


def test_the_api_pages_a_column_as_the_board_does(app, seeded, sign_in):
    browser = sign_in("ann", SALES)
    stage_id = _add_leads(app, PAGE + 4)
    board = browser.get("/leads/board").get_data(as_text=True)
    with app.app_context(), kontora(app).db.unit() as s:
        from core.identity.models import User

        headers = bearer(s.get(User, browser.user_id))
    client = app.test_client()
    first = client.get(f"/api/v1/leads.lead?stage_id={stage_id}&sort=-stage_entered_at"
                       f"&limit={PAGE}", headers=headers).get_json()
    assert [lead["id"] for lead in first["items"]] == _cards_of(board, stage_id)
    rest = client.get(f"/api/v1/leads.lead?stage_id={stage_id}&sort=-stage_entered_at"
                      f"&limit={PAGE}&cursor={first['next_cursor']}", headers=headers).get_json()
    assert [lead["id"] for lead in rest["items"]] == _expected_order(app, stage_id)[PAGE:]
    assert rest["next_cursor"] is None


def test_the_api_gives_the_column_heads_of_the_board(app, seeded, sign_in):
    browser = sign_in("ann", SALES)
    bob = sign_in("bob", SALES, scope="own")
    stage_id = _add_leads(app, PAGE + 4, owner_id=browser.user_id)
    _add_leads(app, 2, owner_id=bob.user_id, start=200)
    with app.app_context(), kontora(app).db.unit() as s:
        from core.identity.models import User

        ann_headers, bob_headers = (bearer(s.get(User, b.user_id)) for b in (browser, bob))
        won = stage("Won").id
    client = app.test_client()
    board = client.get("/api/v1/leads.lead/board", headers=ann_headers)
    assert board.status_code == 200, board.get_json()
    columns = {c["stage_id"]: c for c in board.get_json()["columns"]}
    ron = sum(n for n in range(PAGE + 4) if n % 2) + 201
    eur = sum(n for n in range(PAGE + 4) if not n % 2) + 200
    assert columns[stage_id]["count"] == PAGE + 6
    assert columns[stage_id]["totals"] == {"EUR": f"{eur}.00", "RON": f"{ron}.00"}
    assert columns[won] == {"stage_id": won, "name": "Won", "count": 0, "totals": {}}
    mine = client.get(f"/api/v1/leads.lead/board?owner_id={bob.user_id}",
                      headers=ann_headers).get_json()
    assert [c["count"] for c in mine["columns"] if c["stage_id"] == stage_id] == [2]
    own = client.get("/api/v1/leads.lead/board", headers=bob_headers).get_json()
    assert [c["count"] for c in own["columns"] if c["stage_id"] == stage_id] == [2]
    assert client.get("/api/v1/leads.lead/board?pipeline_id=99999",
                      headers=ann_headers).status_code == 404
    bad = client.get("/api/v1/leads.lead/board?owner_id=x", headers=ann_headers)
    assert bad.status_code == 422 and "owner_id" in bad.get_json()["fields"]


def test_a_refused_move_of_a_card_beyond_the_first_page_shows_on_the_board(
        app, seeded, sign_in):
    browser = sign_in("ann", SALES)
    stage_id = _add_leads(app, PAGE + 3)
    oldest = _expected_order(app, stage_id)[-1]
    with app.app_context(), kontora(app).db.unit():
        lost = stage("Lost").id
    refused = browser.post(f"/leads/{oldest}/move", {"stage_id": lost, "from": "board"},
                           headers={"HX-Request": "true"})
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert _cards_of(html, stage_id)[0] == oldest  # on top of its column, with the reason
    card = html.split(f'id="lead-card-{oldest}"', 1)[1].split("</li>", 1)[0]
    assert "Say why the deal was lost." in card
    assert '<details class="lead-move small mt-1" open>' in card
