"""Validators for the codes many schemas share, with a message that says what to type.

marshmallow's ``Regexp`` answers "String does not match expected pattern.", which tells a
user nothing; these name the expected form, in the reader's language (translated when the
message is made, so a lazy string is kept until then).
"""

from __future__ import annotations

from marshmallow import validate

from core.i18n import lazy_gettext as _l


def country_code() -> validate.Regexp:
    """Two letters, ISO 3166-1 (RO, BG, MD); either case (services upper-case it)."""
    return validate.Regexp(r"^[A-Za-z]{2}$", error=_l(
        "Use the two-letter country code, e.g. RO, BG or MD."))


def currency_code(*, upper_only: bool = False) -> validate.Regexp:
    """Three letters, ISO 4217 (RON, EUR, BGN)."""
    return validate.Regexp(r"^[A-Z]{3}$" if upper_only else r"^[A-Za-z]{3}$", error=_l(
        "Use the three-letter currency code, e.g. RON, EUR or BGN."))
