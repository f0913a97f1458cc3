"""Clients and contacts in the global search and the client list: folded and ranked."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, select, text

from core.identity.models import User
from core.kernel import kontora
from core.listing import list_records
from plugins.parties.models import Client
from plugins.parties.services.clients import create_client, update_client
from plugins.parties.services.contacts import add_contact
from tests.conftest import TEST_DB
from tests.core.web.conftest import sign_in
from tests.plugins.parties.conftest import staff

__all__ = ["sign_in"]


def _client(principal: Any, name: str, **extra: Any) -> Client:
    return create_client(principal, {"kind": "legal_entity", "name": name, "country": "RO",
                                     **extra}, allow_duplicate=True)


@pytest.fixture
def browser(app: Any, sign_in: Any) -> Any:
    browser = sign_in("ann", ["parties.read", "parties.write"])
    with app.app_context(), kontora(app).db.unit() as s:
        me = staff(s.scalars(select(User).where(User.login == "ann")).one())
        _client(me, "Transport Carpați SRL", email="office@carpati.example.ro")
        _client(me, "Carpați")
        _client(me, "Munții Carpați Turism")
        alfa = _client(me, "Alfa Construct SRL")
        add_contact(me, alfa.id, {"contact": {"name": "Ștefan Ionescu", "job_title": "Director"}})
    return browser


def test_global_search_finds_clients_without_diacritics_ranked(browser):
    page = browser.get("/search?q=carpati").get_data(as_text=True)
    assert "Clients" in page
    exact, prefix, word = (page.index(n) for n in
                           (">Carpați\n", "Transport Carpați SRL", "Munții Carpați Turism"))
    assert exact < prefix and exact < word  # the exact name comes first


def test_global_search_finds_contacts_on_their_client_page(browser):
    page = browser.get("/search/dropdown?q=STEFAN").get_data(as_text=True)
    assert "Ștefan Ionescu" in page and 'href="/clients/' in page


def test_the_client_list_search_ignores_case_and_diacritics(browser):
    listing = browser.get("/clients/?q=CARPATI+turism").get_data(as_text=True)
    assert "Munții Carpați Turism" in listing and "Transport Carpați" not in listing
    assert 'data-list-count="1">1 record<' in listing
    assert 'data-list-count="3">3 records<' in browser.get("/clients/?q=carpati").get_data(
        as_text=True)
    assert "Transport Carpați SRL" in browser.get("/clients/?q=office@carp").get_data(
        as_text=True)


def test_search_text_follows_every_change(app, ctx):
    client = _client(ctx["as_ann"], "Ţara Bârsei")
    ctx["session"].flush()
    assert client.search_text.startswith("tara barsei\n")
    update_client(ctx["as_ann"], client.id, {"name": "Țara Oltului"})
    ctx["session"].flush()
    found = ctx["session"].scalars(select(Client).where(Client.search_text.like("%oltului%")))
    assert [c.id for c in found] == [client.id]


@pytest.mark.skipif(TEST_DB != "postgresql", reason="reads a PostgreSQL query plan")
def test_the_search_is_served_by_the_trigram_index(ctx):
    """No function per row: the folded column's GIN index answers LIKE '%word%'."""
    _client(ctx["as_ann"], "Transport Carpați SRL")
    s = ctx["session"]
    ran: list[tuple[str, Any]] = []

    def grab(conn, cursor, statement, parameters, context, executemany):
        ran.append((statement, parameters))

    s.execute(text("SET LOCAL enable_seqscan = off"))  # a one-row table would be scanned
    engine = kontora().db.engine
    event.listen(engine, "before_cursor_execute", grab)
    try:
        list_records(ctx["as_ann"], "parties.client", search="carpati", limit=10)
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    statement, parameters = ran[-1]
    plan = s.connection().exec_driver_sql("EXPLAIN " + statement, parameters).scalars().all()
    assert any("ix_parties_client_search_text_trgm" in line for line in plan), "\n".join(plan)
