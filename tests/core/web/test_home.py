"""The home page's cards (``kontora_home_cards``): each plugin's figures for the day,
counted under record rules with one or two aggregate queries per card."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from sqlalchemy import event

from core.kernel import kontora
from plugins.activities.models import Task
from plugins.leads.models import Lead, Pipeline, Stage
from plugins.offers.models import Offer
from plugins.orders.models import Order
from tests.core.web.conftest import sign_in  # noqa: F401  (a fixture)
from tests.plugins.offers.conftest import make_client

READ_ALL = ["tasks.read", "leads.read", "offers.read", "orders.read"]
CARD = re.compile(r'data-card="([^"]+)"')


def figures(html: str, card: str) -> dict[str, int]:
    """The label -> value pairs of one card as shown."""
    section = html.split(f'data-card="{card}"', 1)[1].split("</section>", 1)[0]
    return {label: int(value) for label, value in re.findall(
        r'data-figure="([^"]+)">.*?data-value>([\d\s,.]+)<', section, re.S)}


def seed(app: Any, owner_id: int, other_id: int) -> None:
    """Tasks, leads, offers and orders: some mine, some another salesperson's."""
    today = date.today()
    with app.app_context(), kontora(app).db.unit() as s:
        pipeline = Pipeline(name="Sales", position=0, is_default=True)
        new, talks = Stage(name="New", position=0), Stage(name="Talks", position=1)
        pipeline.stages.extend([new, talks])
        s.add(pipeline)
        party = make_client("Carpați SRL").id
        for who in (owner_id, other_id):
            s.add_all([
                Task(title="Call", status="open", owner_id=who, due_on=today - timedelta(days=2)),
                Task(title="Mail", status="in_progress", owner_id=who, due_on=today),
                Task(title="Done", status="done", owner_id=who, due_on=today - timedelta(days=9)),
                Lead(title="A", pipeline_id=pipeline.id, stage_id=new.id, owner_id=who),
                Lead(title="B", pipeline_id=pipeline.id, stage_id=new.id, owner_id=who),
                Lead(title="C", pipeline_id=pipeline.id, stage_id=talks.id, owner_id=who),
                Offer(title="Sent", status="sent", currency="RON", owner_id=who, party_id=party,
                      valid_until=today + timedelta(days=3)),
                Offer(title="Viewed", status="viewed", currency="RON", owner_id=who, party_id=party,
                      valid_until=today + timedelta(days=30)),
                Offer(title="Draft", status="draft", currency="RON", owner_id=who, party_id=party),
                Order(status="draft", currency="RON", owner_id=who, party_id=party),
                Order(status="sent", currency="RON", owner_id=who, party_id=party),
                Order(status="confirmed", currency="RON", owner_id=who, party_id=party)])


def test_a_salesperson_sees_their_own_day(sign_in):  # noqa: F811
    mine = sign_in("sara", READ_ALL, scope="own")
    other = sign_in("otto", READ_ALL, scope="own")
    seed(mine.app, mine.user_id, other.user_id)

    html = mine.get("/").get_data(as_text=True)
    assert CARD.findall(html) == ["activities.tasks", "leads.stages", "offers.waiting",
                                  "orders.to-confirm"]
    assert figures(html, "activities.tasks") == {"Open": 2, "Overdue": 1}
    assert figures(html, "leads.stages") == {"New": 2, "Talks": 1}
    assert figures(html, "offers.waiting") == {"Sent or opened": 2, "Opened by the client": 1,
                                               "Validity ends within a week": 1}
    assert figures(html, "orders.to-confirm") == {
        "Drafts": 1, "Awaiting the client&#39;s confirmation": 1}


def test_cards_follow_permissions(sign_in):  # noqa: F811
    clerk = sign_in("tina", ["tasks.read"])
    html = clerk.get("/").get_data(as_text=True)
    assert CARD.findall(html) == ["activities.tasks"]
    assert "data-home-cards" not in sign_in("nobody").get("/").get_data(as_text=True)


def test_each_card_costs_one_query_whatever_the_rows(sign_in):  # noqa: F811
    boss = sign_in("bea", READ_ALL)
    engine = kontora(boss.app).db.engine
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    def home_statements() -> list[str]:
        boss.get("/")  # warm-up: session, roles, caches
        statements.clear()
        event.listen(engine, "before_cursor_execute", count)
        try:
            boss.get("/")
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return list(statements)

    empty = home_statements()
    seed(boss.app, boss.user_id, boss.user_id)
    seed_more = home_statements()
    assert len(seed_more) == len(empty), "\n".join(seed_more)
    for table in ("activities_task", "leads_lead", "offers_offer", "orders_order"):
        assert len([s for s in seed_more if f"FROM {table}" in s]) == 1, table
