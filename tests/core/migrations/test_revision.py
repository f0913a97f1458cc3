"""`db revision` writes into the plugin's own folder, labelled and ordered after its FKs."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from core.kernel import kontora
from core.migrations import MigrationError, Migrations


def test_first_revision_is_labelled_and_depends_on_referenced_branches(build, tmp_plugin):
    app = build(f"sample,{tmp_plugin.name}", extra=[tmp_plugin])
    m = Migrations(kontora(app))
    m.upgrade()  # core and sample; the new plugin has no scripts yet
    heads = m.heads()

    path = m.revision(tmp_plugin.name, "Things.")

    assert path is not None and path.parent == tmp_plugin.path / "migrations"
    assert path.name.startswith(tuple("0123456789")) and path.name.endswith("_things.py")
    script = path.read_text()
    assert f"branch_labels: str | Sequence[str] | None = ('{tmp_plugin.name}',)" in script
    assert "down_revision: str | Sequence[str] | None = None" in script
    assert repr(sorted([heads["core"], heads["sample"]])) in script
    assert (tmp_plugin.path / "migrations" / "__init__.py").is_file()

    moved = m.upgrade()
    assert [b.branch for b, _after in moved] == [tmp_plugin.name]
    assert f"{tmp_plugin.name}_thing" in inspect(kontora(app).db.engine).get_table_names()


def test_later_revisions_go_on_the_plugins_head(build, tmp_plugin):
    m = Migrations(kontora(build(f"sample,{tmp_plugin.name}", extra=[tmp_plugin])))
    m.upgrade()
    first = m.revision(tmp_plugin.name, "Things.")
    m.upgrade()

    assert m.revision(tmp_plugin.name, "Nothing changed.") is None
    second = m.revision(tmp_plugin.name, "Data fix.", empty=True)

    assert second is not None and second.parent == first.parent
    newest, older = (script for _branch, script in m.history(tmp_plugin.name))
    assert newest.down_revision == older.revision and older.revision in first.name
    assert newest.branch_labels == {tmp_plugin.name}  # inherited, not declared again
    assert "branch_labels: str | Sequence[str] | None = None" in second.read_text()
    assert [b.branch for b, _after in m.upgrade()] == [tmp_plugin.name]


def test_squash_keeps_the_initial_revision_id(build, tmp_plugin):
    m = Migrations(kontora(build(f"sample,{tmp_plugin.name}", extra=[tmp_plugin])))
    m.upgrade()
    initial = m.revision(tmp_plugin.name, "Things.")
    m.upgrade()
    m.revision(tmp_plugin.name, "Hand-written step.", empty=True)

    squashed = m.squash(tmp_plugin.name, "Things, squashed.")

    scripts = [p for p in squashed.parent.glob("*.py") if p.name != "__init__.py"]
    assert scripts == [squashed]
    assert squashed.name.split("_")[1] == initial.name.split("_")[1]
    assert "create_table" in squashed.read_text()


def test_revision_needs_an_up_to_date_database(build, tmp_plugin):
    m = Migrations(kontora(build(f"sample,{tmp_plugin.name}", extra=[tmp_plugin])))
    with pytest.raises(MigrationError, match="kontora db upgrade"):
        m.revision(tmp_plugin.name, "Things.")


def test_unknown_and_disabled_plugins_are_named(build, tmp_plugin):
    m = Migrations(kontora(build("", extra=[tmp_plugin])))
    with pytest.raises(MigrationError, match="unknown plugin 'nope'"):
        m.revision("nope", "x")
    with pytest.raises(MigrationError, match="'sample' is installed but not enabled"):
        m.revision("sample", "x")
