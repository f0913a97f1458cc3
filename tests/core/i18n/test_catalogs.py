"""Catalogs: read from .po at start-up, kernel first, each plugin after, later ones win."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from flask_babel import force_locale

from core import registry
from core.app import create_app
from core.i18n import gettext, ngettext
from core.i18n.catalogs import KERNEL_TRANSLATIONS, merge_catalogs, po_path
from core.i18n.extraction import write_catalog
from core.i18n.setup import translation_dirs
from tests.conftest import _base_config, test_plugin_infos


def write_po(folder: Path, language: str, messages: dict, fuzzy: tuple[str, ...] = ()) -> None:
    catalog = Catalog(locale=language, domain="messages")
    for msgid, msgstr in messages.items():
        catalog.add(msgid, msgstr, flags=["fuzzy"] if msgid in fuzzy else [])
    write_catalog(catalog, po_path(folder, language))


def test_later_catalog_overrides_earlier_but_not_with_empty_or_fuzzy(tmp_path: Path) -> None:
    kernel, plugin = tmp_path / "kernel", tmp_path / "plugin"
    write_po(kernel, "ro", {"Save": "Salvează", "Cancel": "Anulează", "Close": "Închide"})
    write_po(plugin, "ro", {"Save": "Înregistrează", "Cancel": "", "Close": "Gata",
                            "Notes": "Note"}, fuzzy=("Close",))
    merged = merge_catalogs([kernel, plugin], "ro")
    assert {m.id: m.string for m in merged if m.id} == {
        "Save": "Înregistrează", "Cancel": "Anulează", "Close": "Închide", "Notes": "Note"}
    merged_other_way = merge_catalogs([plugin, kernel], "ro")
    assert merged_other_way.get("Save").string == "Salvează"


def test_missing_folders_and_languages_are_skipped(tmp_path: Path) -> None:
    write_po(tmp_path, "bg", {"Save": "Запази"})
    assert len(merge_catalogs([tmp_path / "absent", tmp_path], "ru")) == 0
    assert merge_catalogs([tmp_path], "bg").get("Save").string == "Запази"


@pytest.fixture
def overriding_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> registry.PluginInfo:
    """A real plugin package on disk whose Romanian catalog rewords a kernel string."""
    package = tmp_path / "pkgs" / "i18n_override_plugin"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "plugin.py").write_text(textwrap.dedent("""
        from core import Manifest

        manifest = Manifest(name="i18n_override", title="Override", version="1.0",
                            depends=["sample"])
    """))
    write_po(package / "translations", "ro", {"Language": "Limba interfeței",
                                               "Only in the plugin": "Doar în plugin"})
    write_po(package / "translations", "ru", {("%(num)d record", "%(num)d records"): (
        "%(num)d запись", "%(num)d записи", "%(num)d записей")})
    monkeypatch.syspath_prepend(str(package.parent))
    return registry.plugin_from_module("i18n_override_plugin.plugin")


def test_app_merges_kernel_then_plugins_and_plugin_wins(
        database_url: str, tmp_path: Path, overriding_plugin: registry.PluginInfo) -> None:
    config = _base_config(database_url, tmp_path / "instance", "sample,i18n_override")
    app = create_app(config, extra_plugins=[*test_plugin_infos(), overriding_plugin])
    try:
        folders = translation_dirs(app)
        assert folders[0] == KERNEL_TRANSLATIONS
        assert folders[-1] == overriding_plugin.path / "translations"
        with app.test_request_context("/", headers={"Accept-Language": "ro"}):
            assert gettext("Language") == "Limba interfeței"
            assert gettext("Only in the plugin") == "Doar în plugin"
        with app.test_request_context("/", headers={"Accept-Language": "bg"}):
            assert gettext("Language") == "Език"  # the kernel's Bulgarian still applies
        with app.test_request_context("/"), force_locale("ru"):
            forms = [ngettext("%(num)d record", "%(num)d records", n) for n in (1, 3, 5, 21)]
        assert forms == ["1 запись", "3 записи", "5 записей", "21 запись"]
    finally:
        from core.kernel import kontora

        kontora(app).db.dispose()
