"""The seller's requisites move from ``invoicing_seller`` onto the kernel's company profile,
and back on a downgrade; nothing typed in either is lost."""

from __future__ import annotations

import json

import sqlalchemy as sa

from core.kernel import kontora
from core.migrations import Migrations
from tests.core.migrations.conftest import build, fresh_url  # noqa: F401  (fixtures)
from tests.plugins.invoicing.conftest import PLUGINS


def test_the_seller_row_moves_onto_the_company_profile_and_back(build):  # noqa: F811
    app = build(PLUGINS)
    m = Migrations(kontora(app))
    m.upgrade()
    engine = kontora(app).db.engine
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO core_company_profile (id, name, details, kind, country, currency, "
            "vat_payer, street, city, bank_accounts, created_at, updated_at) VALUES (1, "
            "'Old name', 'Capital social 200 lei', 'legal_entity', 'RO', 'RON', :yes, '', '', "
            "'[]', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"), {"yes": True})
    m.downgrade("invoicing", "b7e2c4a91d30")  # before the move: the table filled from the profile
    with engine.begin() as conn:
        assert conn.execute(sa.text("SELECT name FROM invoicing_seller")).scalar() == "Old name"
        conn.execute(sa.text(
            "UPDATE invoicing_seller SET name = 'Furnizor SRL', tax_id = '18547290', "
            "vat_number = 'RO18547290', street = 'Str. Exemplu 1', city = 'Brașov', "
            "iban = 'RO49AAAA1B31007593840000', bank_name = 'Banca Test'"))

    m.upgrade()
    with engine.connect() as conn:
        row = conn.execute(sa.text(
            "SELECT name, details, tax_id, vat_number, street, city, bank_accounts "
            "FROM core_company_profile")).mappings().one()
        assert "invoicing_seller" not in sa.inspect(conn).get_table_names()
    bank = row["bank_accounts"]
    bank = json.loads(bank) if isinstance(bank, str) else bank  # SQLite gives the JSON text
    assert (row["name"], row["details"], row["tax_id"], row["vat_number"], row["city"]) == (
        "Furnizor SRL", "Capital social 200 lei", "18547290", "RO18547290", "Brașov")
    assert bank == [{"bank": "Banca Test", "iban": "RO49AAAA1B31007593840000", "bic": "",
                     "currency": "RON"}]


def test_going_back_before_the_search_text_keeps_the_immutability_triggers(build):  # noqa: F811
    """Dropping ``search_text`` rebuilds the table on SQLite; the triggers come back with it."""
    app = build(PLUGINS)
    m = Migrations(kontora(app))
    m.upgrade()
    engine = kontora(app).db.engine
    query = sa.text("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                    if engine.dialect.name == "sqlite" else
                    "SELECT DISTINCT trigger_name FROM information_schema.triggers")

    def triggers() -> set[str]:
        with engine.connect() as conn:
            return {name for name in conn.execute(query).scalars() if "invoicing" in name}

    before = triggers()
    m.downgrade("invoicing", "5c1e9a7d2b64")
    with engine.connect() as conn:
        columns = {c["name"] for c in sa.inspect(conn).get_columns("invoicing_document")}
    assert "search_text" not in columns and triggers() == before and before
    m.upgrade()
    assert triggers() == before
