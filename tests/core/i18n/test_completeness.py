"""Every translatable string of the kernel and of each plugin has a ro, bg and ru translation.

Strings are extracted fresh from the sources (Python and Jinja2) on every run and compared
with the catalogs in git, placeholders included. Fix a failure with
``kontora i18n update <target>``, then translate the empty entries it lists.
"""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.frontend import parse_mapping_cfg

from core import registry
from core.i18n import LANGUAGES
from core.i18n.catalogs import KERNEL_TRANSLATIONS, po_path, read_catalog
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


# Babel spells a language's plural rule differently from release to release (2.19 rewrote
# Romanian's), so rules are compared by what they compute, the way gettext evaluates them.
PLURAL_SAMPLE = range(200)


def _plural_rule_problem(catalog: Catalog, language: str) -> str | None:
    """How ``catalog``'s Plural-Forms header differs from CLDR's rule for ``language``."""
    expected = Catalog(locale=language)
    if catalog.num_plurals != expected.num_plurals:
        return f"nplurals={catalog.num_plurals}, {language} has {expected.num_plurals}"
    declared, cldr = gettext.c2py(catalog.plural_expr), gettext.c2py(expected.plural_expr)
    wrong = [n for n in PLURAL_SAMPLE if declared(n) != cldr(n)]
    if wrong:
        return (f"plural={catalog.plural_expr} picks the wrong form for n in {wrong[:5]}; "
                f"{language} is plural={expected.plural_expr}")
    return None


@pytest.mark.parametrize(("name", "root"), _targets(), ids=[t[0] for t in _targets()])
def test_catalogs_declare_each_languages_plural_rules(name: str, root: Path) -> None:
    """A hand-edited header or a plural entry with too few forms breaks ngettext quietly."""
    if not any(m.id for m in extract(root)):
        pytest.skip(f"{name} has no translatable strings")
    for language in LANGUAGES:
        catalog = read_catalog(po_path(root / "translations", language), language)
        if catalog is None:
            continue  # a missing catalog fails test_every_string_is_translated
        assert _plural_rule_problem(catalog, language) is None, language
        for message in catalog:
            if message.pluralizable and any(message.string):
                assert len(message.string) == catalog.num_plurals, (language, message.id)


def _catalog_with_header(tmp_path: Path, language: str, plural_forms: str) -> Catalog:
    path = po_path(tmp_path, language)
    path.parent.mkdir(parents=True)
    path.write_text(f'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n'
                    f'"Plural-Forms: {plural_forms}\\n"\n', encoding="utf-8")
    catalog = read_catalog(path, language)
    assert catalog is not None
    return catalog


@pytest.mark.parametrize("plural_forms", [
    "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "nplurals=3; plural=(n == 1 ? 0 : n == 0 || n != 1 && n % 100 >= 1 && n % 100 <= 19 ? 1 : 2);",
], ids=["gettext-manual", "babel-2.19"])
def test_plural_rule_check_accepts_any_spelling_of_the_right_rule(tmp_path: Path,
                                                                   plural_forms: str) -> None:
    assert _plural_rule_problem(_catalog_with_header(tmp_path, "ro", plural_forms), "ro") is None


@pytest.mark.parametrize(("plural_forms", "reason"), [
    ("nplurals=2; plural=(n != 1);", "nplurals=2, ro has 3"),
    # right for every n but 100 in the sample: "100 de lei" takes the third form, "101 lei" not
    ("nplurals=3; plural=(n==1 ? 0 : n==0 || n%100 < 20 ? 1 : 2);", "for n in [100];"),
    ("nplurals=3; plural=(n==1 ? 0 : n < 20 ? 1 : 2);", "for n in [101, 102, 103"),
], ids=["two-forms", "wrong-at-100", "wrong-above-100"])
def test_plural_rule_check_rejects_a_wrong_rule(tmp_path: Path, plural_forms: str,
                                                reason: str) -> None:
    problem = _plural_rule_problem(_catalog_with_header(tmp_path, "ro", plural_forms), "ro")
    assert problem is not None and reason in problem
