"""Translations and locale-aware formatting for the kernel and every plugin.

Mark every user-visible string: ``from core.i18n import gettext as _`` (``lazy_gettext`` for
strings built at import time: form labels, menu entries, kind labels), ``{{ _("...") }}`` in
templates. The locale and time zone are picked per request (see :mod:`core.i18n.selection`);
formatting helpers and Jinja filters of the same names live in :mod:`core.i18n.formatting`.
"""

from flask_babel import (
    force_locale,
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
    format_number,
    format_percent,
)

LANGUAGES: dict[str, str] = {
    "en": "English",
    "ro": "Română",
    "bg": "Български",
    "ru": "Русский",
}
"""The interface languages, each named in its own language (as the switcher shows them)."""

__all__ = [
    "LANGUAGES",
    "force_locale",
    "format_date",
    "format_datetime",
    "format_decimal",
    "format_money",
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
