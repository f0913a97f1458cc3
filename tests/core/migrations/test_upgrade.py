"""`upgrade heads` on an empty database, plugins enabled later, disabled and downgraded."""

from __future__ import annotations

from sqlalchemy import inspect, text

from core.kernel import kontora
from core.migrations import Migrations
from core.migrations.ownership import TableOwners


def _tables(app) -> set[str]:
    return set(inspect(kontora(app).db.engine).get_table_names())


def _owned(app, *branches: str) -> set[str]:
    return TableOwners(kontora(app).plugins).tables_of(branches)


def _version_rows(app) -> set[str]:
    with kontora(app).db.engine.connect() as conn:
        return set(conn.scalars(text("SELECT version_num FROM alembic_version")))


def test_upgrade_from_empty_creates_exactly_the_enabled_plugins_tables(build):
    app = build("sample")
    moved = Migrations(kontora(app)).upgrade()

    assert [before.branch for before, _after in moved] == ["core", "sample"]
    assert all(before.applied is None for before, _after in moved)
    assert _tables(app) == _owned(app, "core", "sample") | {"alembic_version"}
    assert "sample_note" in _tables(app) and "core_user" in _tables(app)


def test_enabling_a_plugin_later_creates_only_its_tables(build):
    kernel_only = build("")
    Migrations(kontora(kernel_only)).upgrade()
    before = _tables(kernel_only)
    assert "sample_note" not in before

    with_sample = build("sample")
    moved = Migrations(kontora(with_sample)).upgrade()

    assert [b.branch for b, _after in moved] == ["sample"]
    assert _tables(with_sample) - before == _owned(with_sample, "sample") == {"sample_note"}


def test_second_upgrade_has_nothing_to_do(build):
    m = Migrations(kontora(build("sample")))
    m.upgrade()
    assert m.upgrade() == []
    assert all(state.up_to_date for state in m.current())


def test_a_disabled_plugins_version_row_is_kept_and_ignored(build):
    with_sample = build("sample")
    Migrations(kontora(with_sample)).upgrade()
    rows = _version_rows(with_sample)

    kernel_only = Migrations(kontora(build("")))
    assert kernel_only.upgrade() == []
    assert [(s.branch, s.up_to_date) for s in kernel_only.current()] == [("core", True)]
    assert _version_rows(with_sample) == rows

    again = Migrations(kontora(build("sample")))
    assert again.upgrade() == []  # its tables are still there; nothing is recreated


def test_downgrade_to_base_drops_only_that_plugins_tables(build):
    app = build("sample")
    m = Migrations(kontora(app))
    m.upgrade()

    m.downgrade("sample", "base")

    assert "sample_note" not in _tables(app)
    assert "core_user" in _tables(app)
    assert {s.branch: s.applied for s in m.current()}["sample"] is None
    assert [b.branch for b, _after in m.upgrade()] == ["sample"]
