"""What the lead pages show instead of raw values: labels, counts, totals per currency."""

from __future__ import annotations

import re

from sqlalchemy import select

from core.kernel import kontora
from plugins.leads.models import Lead, Pipeline, Stage
from plugins.leads.seed import seed_defaults
from tests.plugins.leads.conftest import SALES, stage

FORM = {"client_kind": "legal_entity", "source": "manual", "country": "RO"}


def _new(browser, title: str, **extra: str) -> None:
    assert browser.post("/leads/new", {**FORM, "title": title, **extra}).status_code == 302


def _id(app, title: str) -> int:
    with app.app_context(), kontora(app).db.unit() as s:
        return s.scalar(select(Lead.id).where(Lead.title == title))


def test_choices_show_their_labels_and_the_list_its_count(app, seeded, sign_in):
    browser = sign_in("ann", SALES)
    _new(browser, "Racks")
    _new(browser, "Shelves")
    page = browser.get(f"/leads/{_id(app, 'Racks')}").get_data(as_text=True)
    assert '<dd data-field="client_kind">Company</dd>' in page  # not "legal_entity"
    assert '<dd data-field="pipeline_id">Sales</dd>' in page  # the name, not "1"
    listing = browser.get("/leads/").get_data(as_text=True)
    assert 'data-list-count="2">2 records' in listing
    assert 'data-list-count="1">1 record<' in browser.get("/leads/?q=rack").get_data(
        as_text=True)


def test_a_bad_country_says_what_to_type(seeded, sign_in):
    answer = sign_in("ann", SALES).post("/leads/new", {**FORM, "title": "X",
                                                       "country": "Romania"})
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert "Use the two-letter country code" in page and "expected pattern" not in page


def test_won_and_lost_leads_get_no_next_step_badge(app, seeded, sign_in):
    browser = sign_in("ann", SALES)
    _new(browser, "Open deal")
    _new(browser, "Done deal")
    done_id = _id(app, "Done deal")  # read before the writing unit below holds the lock
    with app.app_context(), kontora(app).db.unit() as s:
        done = s.get(Lead, done_id)
        done.stage_id, done.status = stage("Won").id, "won"
    listing = browser.get("/leads/").get_data(as_text=True)
    rows = {title: row for row in listing.split("<tr")[1:]
            for title in ("Open deal", "Done deal") if title in row}
    assert 'data-badge="no-next-step"' in rows["Open deal"]
    assert 'data-badge="no-next-step"' not in rows["Done deal"]


def test_board_totals_each_currency_apart(app, seeded, sign_in):
    browser = sign_in("ann", SALES)
    _new(browser, "Lei deal", budget="25000", currency="RON")
    _new(browser, "Leva deal", budget="8400", currency="BGN")
    board = browser.get("/leads/board").get_data(as_text=True)
    totals = re.findall(r"data-column-totals>([^<]*)<", board)
    assert totals == ["BGN8,400.00 · RON25,000.00"], totals
    assert "33,400" not in board


def test_default_stages_are_written_in_the_installations_language(make_app):
    app = make_app(KONTORA_LANGUAGE="ro")
    with app.app_context(), kontora(app).db.unit() as s:
        seed_defaults(s)
        names = list(s.scalars(select(Stage.name).join(Pipeline).order_by(Stage.position)))
    assert names[-2:] == ["Câștigat", "Pierdut"]
