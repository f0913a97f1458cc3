"""Find the translatable strings of the kernel or a plugin and keep its catalogs in step.

The kernel and each plugin own one ``translations/`` folder beside their code. Extraction
reads Python (``_``, ``gettext``, ``lazy_gettext``, ``ngettext``, ``pgettext`` ...) and Jinja2
templates (``{{ _("...") }}``, ``{% trans %}``) and never imports the code, so a plugin's
strings can be collected without enabling it. ``babel.cfg`` at the project root holds the
same mapping for people who prefer ``pybabel``.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import write_po

from core import __version__
from core.i18n.catalogs import DOMAIN, KERNEL_TRANSLATIONS, is_translated, po_path, read_catalog

METHOD_MAP: list[tuple[str, str]] = [
    ("**/templates/**.html", "jinja2"),
    ("**/templates/**.txt", "jinja2"),
    ("**.py", "python"),
]
OPTIONS_MAP: dict[str, dict[str, str]] = {
    "**/templates/**.html": {"trimmed": "true"},
    "**/templates/**.txt": {"trimmed": "true"},
}
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "lazy_gettext": None,
    "_l": None,  # the usual alias: ``from core.i18n import lazy_gettext as _l``
    "lazy_ngettext": (1, 2),
    "lazy_pgettext": ((1, "c"), 2),
}
COMMENT_TAGS = ("Translators:",)
SKIPPED_DIRS = {"translations", "static", "migrations", "node_modules"}
KERNEL_ROOT = KERNEL_TRANSLATIONS.parent
KERNEL_EXCLUDED = (KERNEL_ROOT / "scaffold" / "template",)  # belongs to the generated plugin
TRANSLATED_LANGUAGES = ("ro", "bg", "ru")  # English is the source language


def _directory_filter(excluded: Iterable[Path]) -> object:
    excluded = tuple(p.resolve() for p in excluded)

    def keep(dirpath: str) -> bool:
        path = Path(dirpath).resolve()
        name = path.name
        if name.startswith((".", "_")) or name in SKIPPED_DIRS:
            return False
        return not any(path == ex or ex in path.parents for ex in excluded)

    return keep


def _new_catalog(language: str | None) -> Catalog:
    return Catalog(locale=language, domain=DOMAIN, project="Kontora", version=__version__,
                   copyright_holder="the Kontora authors", msgid_bugs_address="",
                   last_translator="Kontora translators", language_team="Kontora translators",
                   charset="utf-8", fuzzy=False)


def extract(root: Path) -> Catalog:
    """A template catalog of every translatable string under the package folder ``root``."""
    root = root.resolve()
    excluded = KERNEL_EXCLUDED if root == KERNEL_ROOT else ()
    template = _new_catalog(None)
    found = extract_from_dir(root, METHOD_MAP, OPTIONS_MAP, KEYWORDS, COMMENT_TAGS,
                             strip_comment_tags=True, directory_filter=_directory_filter(excluded))
    for filename, lineno, message, comments, context in found:
        location = os.path.relpath(root / filename, root.parent)
        template.add(message, None, [(location, lineno)], auto_comments=comments,
                     context=context)
    return template


def write_catalog(catalog: Catalog, path: Path) -> None:
    """Write ``catalog`` as a ``.po``/``.pot`` file; no line numbers, so diffs stay small."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        write_po(fh, catalog, width=100, include_lineno=False, ignore_obsolete=True)


def update(root: Path, translations_dir: Path, languages: Iterable[str]) -> dict[str, int]:
    """Bring each language's catalog in line with the sources; returns untranslated counts.

    New strings are added empty, vanished ones dropped, near matches of changed strings are
    suggested as fuzzy (a fuzzy entry is not used until a translator clears the flag).
    """
    template = extract(root)
    untranslated = {}
    for language in languages:
        path = po_path(translations_dir, language)
        existing = read_catalog(path, language)
        catalog = _new_catalog(language)
        for message in existing or ():
            if message.id:
                catalog.add(message.id, message.string, list(message.locations),
                            flags=message.flags, auto_comments=message.auto_comments,
                            user_comments=message.user_comments, context=message.context)
        catalog.update(template)
        if existing is None or _entries(catalog) != _entries(existing):
            write_catalog(catalog, path)  # untouched otherwise: no diff for a new date alone
        untranslated[language] = sum(1 for m in catalog if m.id and not is_translated(m))
    return untranslated


def _entries(catalog: Catalog) -> list[tuple]:
    """What a written catalog shows: files are written without line numbers."""
    return [(m.id, m.string, m.context, sorted(m.flags), sorted({f for f, _ in m.locations}),
             m.auto_comments) for m in catalog if m.id]


# --- completeness ------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?\d*(?:\.\d+)?[sdifr]")
_BRACED = re.compile(r"\{(\w+)\}")


def placeholders(text: str) -> Counter:
    """The ``%(name)s`` / ``%s`` placeholders of ``text`` (``%%`` is a literal percent),
    and ``{name}`` ones (marshmallow's messages, see :mod:`core.i18n.validation`)."""
    found = Counter(m.group(1) or "%" for m in _PLACEHOLDER.finditer(text.replace("%%", "")))
    unbraced = text.replace("{{", "").replace("}}", "")
    found.update("{" + m.group(1) + "}" for m in _BRACED.finditer(unbraced))
    return found


@dataclass(frozen=True)
class Problem:
    language: str
    msgid: str
    where: str
    reason: str

    def __str__(self) -> str:
        return f"[{self.language}] {self.msgid!r} ({self.where}): {self.reason}"


def _placeholder_problem(source: Message, translated: Message) -> str | None:
    ids = source.id if isinstance(source.id, tuple | list) else (source.id,)
    forms = translated.string if isinstance(translated.string, tuple | list) \
        else (translated.string,)
    wanted = sum((placeholders(i) for i in ids), Counter())
    for form in forms:
        got = placeholders(form)
        if len(ids) == 1 and got != wanted:
            return f"placeholders {sorted(got.elements())} differ from {sorted(wanted.elements())}"
        required = {name for name in wanted if name != "num"}  # one-form plurals may spell it
        if len(ids) > 1 and (not required <= set(got) or not set(got) <= set(wanted)):
            return f"plural form {form!r} must use {sorted(required)} and no other placeholder"
    return None


def missing_translations(root: Path, translations_dir: Path,
                         fallback_dirs: Iterable[Path] = (),
                         languages: Iterable[str] = TRANSLATED_LANGUAGES) -> Iterator[Problem]:
    """Every string under ``root`` that a language lacks, or translates with wrong placeholders.

    A plugin's string also counts as translated when a catalog in ``fallback_dirs`` (the
    kernel's) translates it, since the merged catalogs would serve that translation.
    """
    template = extract(root)
    fallback_dirs = list(fallback_dirs)
    for language in languages:
        catalogs = [read_catalog(po_path(d, language), language)
                    for d in [translations_dir, *fallback_dirs]]
        for message in template:
            if not message.id:
                continue
            where = ", ".join(f"{f}:{n}" for f, n in message.locations[:2])
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            found = next((c.get(message.id, message.context) for c in catalogs
                          if c is not None and is_translated(c.get(message.id, message.context))),
                         None)
            if found is None:
                yield Problem(language, msgid, where, "no translation")
                continue
            problem = _placeholder_problem(message, found)
            if problem:
                yield Problem(language, msgid, where, problem)
