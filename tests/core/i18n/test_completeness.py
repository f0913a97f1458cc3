"""Every translatable string of the kernel and of each plugin has a ro, bg and ru translation.

Strings are extracted fresh from the sources (Python and Jinja2) on every run and compared
with the catalogs in git, placeholders included. Fix a failure with
``kontora i18n update <target>``, then translate the empty entries it lists.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.frontend import parse_mapping_cfg

from core import registry
from core.i18n.catalogs import KERNEL_TRANSLATIONS, po_path
from core.i18n.extraction import (
    KERNEL_ROOT,
    METHOD_MAP,
    OPTIONS_MAP,
    extract,
    missing_translations,
    placeholders,
    write_catalog,
)
from tests.conftest import test_plugin_infos

PROJECT_ROOT = KERNEL_ROOT.parent


def _targets() -> list[tuple[str, Path]]:
    plugins = {**registry.discover(), **{p.name: p for p in test_plugin_infos()}}
    return [("core", KERNEL_ROOT), *sorted((name, p.path) for name, p in plugins.items())]


@pytest.mark.parametrize(("name", "root"), _targets(), ids=[t[0] for t in _targets()])
def test_every_string_is_translated(name: str, root: Path) -> None:
    fallback = [] if root == KERNEL_ROOT else [KERNEL_TRANSLATIONS]
    problems = [str(p) for p in missing_translations(root, root / "translations", fallback)]
    assert not problems, (f"{len(problems)} translation problem(s) in {name}; run "
                          f"`kontora i18n update {name}` and translate:\n" + "\n".join(problems))


def test_kernel_sources_have_translatable_strings_in_python_and_templates() -> None:
    locations = {Path(f).suffix for m in extract(KERNEL_ROOT) for f, _ in m.locations}
    assert {".py", ".html"} <= locations


def test_pybabel_mapping_matches_the_command() -> None:
    with open(PROJECT_ROOT / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    assert method_map == METHOD_MAP
    assert {k: v for k, v in options_map.items() if v} == OPTIONS_MAP


def test_placeholders_counts_named_and_positional() -> None:
    assert placeholders("%(name)s has %(num)d items, 100%% sure, %s") == \
        {"name": 1, "num": 1, "%": 1}
    assert placeholders("50% off") == {}


# --- the checker itself, on a plugin made for the purpose ------------------------------


def _plugin(tmp_path: Path, ro: dict) -> Path:
    root = tmp_path / "demo_plugin"
    (root / "templates" / "demo").mkdir(parents=True)
    (root / "views.py").write_text(
        "from core.i18n import gettext as _, lazy_gettext, ngettext\n"
        "TITLE = lazy_gettext('Notes')\n"
        "def view(n, who):\n"
        "    return _('Hello %(name)s', name=who), ngettext('%(num)d note', '%(num)d notes', n)\n")
    (root / "templates" / "demo" / "page.html").write_text("<h1>{{ _('Save') }}</h1>")
    for language in ("ro", "bg", "ru"):
        catalog = Catalog(locale=language)
        for msgid, msgstr in (ro if language == "ro" else {}).items():
            catalog.add(msgid, msgstr)
        write_catalog(catalog, po_path(root / "translations", language))
    return root


def test_checker_reports_missing_strings_and_wrong_placeholders(tmp_path: Path) -> None:
    root = _plugin(tmp_path, {
        "Notes": "Note",
        "Hello %(name)s": "Salut %(nume)s",
        ("%(num)d note", "%(num)d notes"): ("o notă", "%(num)d note", "%(num)d de note"),
    })
    problems = list(missing_translations(root, root / "translations", languages=["ro"]))
    reasons = {p.msgid: p.reason for p in problems}
    assert reasons["Save"] == "no translation"
    assert "placeholders" in reasons["Hello %(name)s"]
    assert "Notes" not in reasons
    assert "%(num)d note" not in reasons  # a plural form may spell out "one"
    assert problems[0].where.startswith("demo_plugin/")


def test_checker_accepts_the_kernel_catalog_as_fallback(tmp_path: Path) -> None:
    root = _plugin(tmp_path, {})
    kernel = tmp_path / "kernel"
    catalog = Catalog(locale="ro")
    catalog.add("Save", "Salvează")
    write_catalog(catalog, po_path(kernel, "ro"))
    missing = {p.msgid for p in missing_translations(root, root / "translations", [kernel],
                                                     languages=["ro"])}
    assert "Save" not in missing and "Notes" in missing


@pytest.mark.parametrize(("name", "root"), _targets(), ids=[t[0] for t in _targets()])
def test_catalogs_declare_each_languages_plural_rules(name: str, root: Path) -> None:
    """A hand-edited header or a plural entry with too few forms breaks ngettext quietly."""
    from core.i18n import LANGUAGES
    from core.i18n.catalogs import read_catalog

    if not any(m.id for m in extract(root)):
        pytest.skip(f"{name} has no translatable strings")
    for language in LANGUAGES:
        catalog = read_catalog(po_path(root / "translations", language), language)
        if catalog is None:
            continue  # a missing catalog fails test_every_string_is_translated
        assert catalog.plural_forms == Catalog(locale=language).plural_forms, language
        for message in catalog:
            if message.pluralizable and any(message.string):
                assert len(message.string) == catalog.num_plurals, (language, message.id)
