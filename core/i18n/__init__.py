"""Translations and locale-aware formatting for the kernel and every plugin.

Mark every user-visible string: ``from core.i18n import gettext as _`` (``lazy_gettext`` for
strings built at import time: form labels, menu entries, kind labels), ``{{ _("...") }}`` in
templates. The locale and time zone are picked per request (see :mod:`core.identity.locale`);
formatting helpers and Jinja filters of the same names live in :mod:`core.i18n.formatting`.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import flask_babel
from flask import has_app_context
from flask_babel import (
    get_locale,
    get_timezone,
    gettext,
    lazy_gettext,
    lazy_ngettext,
    lazy_pgettext,
    ngettext,
    pgettext,
)

from core.i18n.formatting import (
    format_date,
    format_datetime,
    format_decimal,
    format_money,
    format_money_totals,
    format_number,
    format_percent,
)
from core.kernel import kontora

LANGUAGES: dict[str, str] = {
    "en": "English",
    "ro": "Română",
    "bg": "Български",
    "ru": "Русский",
}
"""The interface languages, each named in its own language (as the switcher shows them)."""

COUNTRY_LANGUAGES: dict[str, str] = {"RO": "ro", "MD": "ro", "BG": "bg", "RU": "ru", "BY": "ru",
                                     "KZ": "ru"}
"""The language a company or client of a country expects its papers in (ISO 3166 alpha-2)."""


def country_language(country: str | None, default: str | None = None) -> str:
    """The language of ``country``'s papers, else ``default``, else ``KONTORA_LANGUAGE``."""
    language = COUNTRY_LANGUAGES.get((country or "").upper())
    return language or default or kontora().settings.language


@contextmanager
def force_locale(language: str | None) -> Iterator[None]:
    """Translate and format in ``language`` inside the block (a job writing to a user).

    ``None`` is a user who saved no language (they follow their browser, which a job cannot
    see): ``KONTORA_LANGUAGE`` then, so ``force_locale(user.language)`` always works.
    """
    if language is None and has_app_context():

        language = kontora().settings.language
    with flask_babel.force_locale(language):
        yield

__all__ = [
    "COUNTRY_LANGUAGES",
    "LANGUAGES",
    "country_language",
    "force_locale",
    "format_date",
    "format_datetime",
    "format_decimal",
    "format_money",
    "format_money_totals",
    "format_number",
    "format_percent",
    "get_locale",
    "get_timezone",
    "gettext",
    "lazy_gettext",
    "lazy_ngettext",
    "lazy_pgettext",
    "ngettext",
    "pgettext",
]
