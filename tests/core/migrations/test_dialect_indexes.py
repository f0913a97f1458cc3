"""Indexes declared for PostgreSQL only are compared there and ignored elsewhere."""

from __future__ import annotations

from sqlalchemy import Index

from core.db.indexes import dialect_only, trigram_index
from core.migrations.ownership import TableOwners


def hook(dialect: str | None):
    # The index branch of the hook does not look at table owners.
    return TableOwners.include_object(object.__new__(TableOwners), ["parties"], dialect)


def test_a_trigram_index_names_postgresql_as_its_only_dialect():
    index = trigram_index("parties_client", "name")
    assert index.name == "ix_parties_client_name_trgm"
    assert dialect_only(index) == "postgresql"
    assert dialect_only(Index("ix_plain", "name")) is None


def test_a_postgresql_only_index_missing_from_sqlite_is_not_drift():
    index = trigram_index("parties_client", "email")
    assert hook("sqlite")(index, index.name, "index", False, None) is False


def test_a_postgresql_only_index_missing_from_postgresql_is_drift():
    index = trigram_index("parties_client", "email")
    assert hook("postgresql")(index, index.name, "index", False, None) is True


def test_without_a_dialect_it_is_compared_only_where_the_database_has_it():
    index = trigram_index("parties_client", "phone")
    reflected = Index(index.name, "phone")
    assert hook(None)(index, index.name, "index", False, None) is False
    assert hook(None)(index, index.name, "index", False, reflected) is True
