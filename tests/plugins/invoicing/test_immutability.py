"""An issued invoice refuses change in the database too: raw SQL hits the triggers."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from core.app import kontora
from core.db.search import fill_search_text, fold
from plugins.invoicing import services
from plugins.invoicing.models.document import SEARCHED
from tests.plugins.invoicing.conftest import line, make_client, make_seller, make_user, principal


@pytest.fixture
def issued(unit: Any) -> tuple[int, int, int]:
    def run() -> tuple[int, int, int]:
        who = principal(make_user("anna"))
        make_seller()
        client = make_client()
        doc = services.create_invoice(who, {"party_id": client.id, "currency": "RON",
                                            "lines": [line()]})
        draft = services.create_invoice(who, {"party_id": client.id, "currency": "RON",
                                              "lines": [line()]})
        services.issue_invoice(who, doc.id)
        return doc.id, doc.lines[0].id, draft.id
    return unit(run)


@pytest.mark.parametrize("sql", [
    "UPDATE invoicing_document SET total_gross = 1 WHERE id = :doc",
    "UPDATE invoicing_document SET number = 'X-1' WHERE id = :doc",
    "UPDATE invoicing_document SET buyer = '{}' WHERE id = :doc",
    "UPDATE invoicing_document SET status = 'draft' WHERE id = :doc",
    "DELETE FROM invoicing_document WHERE id = :doc",
    "UPDATE invoicing_line SET unit_price = 1 WHERE id = :line",
    "DELETE FROM invoicing_line WHERE id = :line",
    "INSERT INTO invoicing_line (document_id, position, description, quantity, unit_price, "
    "discount, vat_rate, vat_category, net) VALUES (:doc, 9, 'x', 1, 1, 0, 19, 'S', 1)",
])
def test_raw_sql_cannot_change_an_issued_invoice(iapp: Any, issued: Any, sql: str) -> None:
    doc, line_id, _draft = issued
    with kontora(iapp).db.engine.connect() as conn, \
            pytest.raises(DatabaseError, match="issued invoice cannot change"):
        conn.execute(text(sql), {"doc": doc, "line": line_id})


def test_bookkeeping_columns_and_drafts_stay_writable(iapp: Any, issued: Any) -> None:
    doc, _line, draft = issued
    with kontora(iapp).db.engine.begin() as conn:
        conn.execute(text("UPDATE invoicing_document SET paid_amount = 100 WHERE id = :d"),
                     {"d": doc})
        conn.execute(text("UPDATE invoicing_document SET notes = 'ok' WHERE id = :d"),
                     {"d": draft})
        conn.execute(text("DELETE FROM invoicing_document WHERE id = :d"), {"d": draft})
        paid = conn.execute(text("SELECT paid_amount FROM invoicing_document WHERE id = :d"),
                            {"d": doc}).scalar()
    assert float(paid) == 100


def test_search_text_is_written_at_issue_and_refills_under_the_triggers(
        iapp: Any, issued: Any) -> None:
    """The folded number is in ``search_text`` from issue on, and filling the column again
    for an issued invoice (what the migration that added it does) passes the triggers:
    ``search_text`` is not a protected column."""
    doc, _line, _draft = issued
    query = text("SELECT number, search_text FROM invoicing_document WHERE id = :d")
    with kontora(iapp).db.engine.begin() as conn:
        number, folded = conn.execute(query, {"d": doc}).one()
        assert folded.split("\n")[0] == fold(number)
        conn.execute(text("UPDATE invoicing_document SET search_text = '' WHERE id = :d"),
                     {"d": doc})
        fill_search_text(conn, "invoicing_document", SEARCHED)
        assert conn.execute(query, {"d": doc}).one() == (number, folded)
