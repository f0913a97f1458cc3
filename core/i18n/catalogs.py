"""Per-plugin message catalogs merged into one translation table per language.

Catalogs are the ``.po`` files kept in git, read directly with Babel: no compile step, so a
fresh clone, an editable install and a wheel all translate the same way, and an edited
``.po`` shows after a restart. A language's table is built on its first use, not at
start-up (parsing every catalog was a fifth of ``create_app()``), and kept per set of files
and modification times, so building many applications in one process (tests) merges each
set once. Parsed catalogs are not kept: they hold ten times the memory of the tables.

Merge order: the kernel's ``core/translations`` first, then each enabled plugin's
``translations/`` in dependency order; a later catalog overrides an earlier one for the same
message, so a plugin may reword a kernel string. Fuzzy and empty entries never override.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DOMAIN = "messages"
KERNEL_TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


def po_path(translations_dir: Path, language: str) -> Path:
    """Where the catalog of ``language`` lives under a ``translations/`` folder."""
    return translations_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(path: Path, language: str) -> Catalog | None:
    """The parsed catalog at ``path``, or None if absent."""
    try:
        with open(path, "rb") as fh:
            return read_po(fh, locale=language, domain=DOMAIN)
    except FileNotFoundError:
        return None


def is_translated(message: object) -> bool:
    """A message with every form translated and not marked fuzzy."""
    string = getattr(message, "string", None)
    forms = string if isinstance(string, tuple | list) else (string,)
    return bool(getattr(message, "id", None)) and not getattr(message, "fuzzy", False) \
        and all(forms)


def merge_catalogs(translations_dirs: Iterable[Path], language: str) -> Catalog:
    """One catalog for ``language``: later folders override earlier ones message by message."""
    merged = Catalog(locale=language, domain=DOMAIN)
    for folder in translations_dirs:
        catalog = read_catalog(po_path(folder, language), language)
        for message in catalog or ():
            if is_translated(message):
                # a fresh entry: Catalog.__setitem__ would keep the old string and share objects
                merged.delete(message.id, message.context)
                merged.add(message.id, message.string, context=message.context)
    return merged


def build_translations(translations_dirs: Iterable[Path], language: str) -> Translations:
    """A gettext translation table for ``language`` from the merged ``.po`` catalogs.

    Cached while none of the catalogs changes (their paths and modification times are the key).
    """
    folders = tuple(translations_dirs)
    stamps = tuple(_mtime(po_path(folder, language)) for folder in folders)
    return _build(folders, stamps, language)


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return None


@functools.lru_cache(maxsize=64)
def _build(folders: tuple[Path, ...], stamps: tuple[int | None, ...],
           language: str) -> Translations:
    buffer = io.BytesIO()
    write_mo(buffer, merge_catalogs(folders, language), use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)
