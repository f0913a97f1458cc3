"""Tax, company, personal and bank identifiers: validated by country, stored compact.

Each requisite field of a party (a client, the installation's own company) has a rule per
country, built on python-stdnum. A rule returns the compact normalised form (what the
database stores and duplicate detection compares) or raises :class:`IdentifierError` naming
the field and the reason. Countries without a rule for a field keep the value with spaces,
dots and dashes removed: a foreign client is never refused for a number Kontora cannot check.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from stdnum import iban
from stdnum.bg import egn as bg_egn
from stdnum.bg import vat as bg_vat
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.gb import vat as gb_vat
from stdnum.ro import cnp as ro_cnp
from stdnum.ro import cui as ro_cui
from stdnum.ro import onrc as ro_onrc
from stdnum.ru import inn as ru_inn
from stdnum.ru import ogrn as ru_ogrn

from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l

FIELDS = ("tax_id", "vat_number", "trade_register_no", "personal_id")
"""Client requisite fields that carry an identifier (bank accounts carry ``iban``)."""

_SEPARATORS = re.compile(r"[\s.\-/]+")


class IdentifierError(ValueError):
    """``value`` is not a valid ``field``; ``message`` says why, in the user's language."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Rule:
    """How one identifier is checked: its local name and the stdnum-style ``validate``."""

    name: object  # lazy string, e.g. "CUI/CIF"
    validate: Callable[[str], str]


def _bg_eik(value: str) -> str:
    """Bulgarian EIK/BULSTAT: 9 digits (companies) or 13 (branches), both with check digits.

    stdnum checks the 9-digit form (``bg.vat``); the 13-digit form adds a second check digit
    over digits 9-12 with weights 2,7,3,5 (then 4,9,5,7 when the remainder is 10).
    """
    number = bg_vat.compact(value)
    if not number.isdigit():
        raise InvalidFormat()
    if len(number) == 9:
        return bg_vat.validate(number)
    if len(number) != 13:
        raise InvalidLength()
    bg_vat.validate(number[:9])
    digits = [int(d) for d in number[8:12]]
    check = sum(w * d for w, d in zip((2, 7, 3, 5), digits, strict=True)) % 11
    if check == 10:
        check = sum(w * d for w, d in zip((4, 9, 5, 7), digits, strict=True)) % 11 % 10
    if check != int(number[12]):
        raise InvalidChecksum()
    return number


def _eu_vat(country: str) -> Callable[[str], str]:
    """Any EU VAT number; a number typed without its country prefix gets the client's."""
    prefix = {"GR": "EL"}.get(country, country)

    def validate(value: str) -> str:
        number = _SEPARATORS.sub("", value).upper()
        if number[:2].isdigit():
            number = prefix + number
        return eu_vat.validate(number)

    return validate


def _ro_cui(value: str) -> str:
    """Romanian CUI/CIF, stored without the ``RO`` VAT prefix (that goes in ``vat_number``)."""
    return ro_cui.validate(value)


RULES: dict[tuple[str, str], Rule] = {
    ("tax_id", "RO"): Rule(_l("CUI/CIF"), _ro_cui),
    ("tax_id", "BG"): Rule(_l("EIK/BULSTAT"), _bg_eik),
    ("tax_id", "RU"): Rule(_l("INN"), ru_inn.validate),
    ("trade_register_no", "RO"): Rule(_l("trade register number (ONRC)"), ro_onrc.validate),
    ("trade_register_no", "RU"): Rule(_l("OGRN"), ru_ogrn.validate),
    ("personal_id", "RO"): Rule(_l("CNP"), ro_cnp.validate),
    ("personal_id", "BG"): Rule(_l("EGN"), bg_egn.validate),
    ("personal_id", "RU"): Rule(_l("INN"), ru_inn.validate),
    ("vat_number", "GB"): Rule(_l("VAT number"), lambda v: "GB" + gb_vat.validate(v)),
}
for _country in sorted(c.upper() for c in eu_vat.MEMBER_STATES if c != "xi"):
    RULES[("vat_number", _country)] = Rule(_l("VAT number"), _eu_vat(_country))

FIELD_LABELS = {
    "tax_id": _l("Tax id"),
    "vat_number": _l("VAT number"),
    "trade_register_no": _l("Trade register number"),
    "personal_id": _l("Personal id"),
    "iban": _l("IBAN"),
}


def _reason(exc: StdnumError) -> str:
    if isinstance(exc, InvalidChecksum):
        return _("the check digit does not match")
    if isinstance(exc, InvalidLength):
        return _("it has the wrong number of characters")
    if isinstance(exc, InvalidFormat):
        return _("it contains characters that are not allowed")
    if isinstance(exc, InvalidComponent):
        return _("a part of it is not valid (date, region or type code)")
    return _("it is not valid")


def rule_for(field: str, country: str | None) -> Rule | None:
    """The rule checking ``field`` for clients of ``country`` (ISO 3166 alpha-2), if any."""
    return RULES.get((field, (country or "").upper()))


def normalise(field: str, country: str | None, value: str | None) -> str | None:
    """The compact stored form of ``value``, or ``None`` for an empty value.

    Raises :class:`IdentifierError` when a rule exists for ``(field, country)`` and the
    value fails it.
    """
    if value is None or not value.strip():
        return None
    rule = iban_rule() if field == "iban" else rule_for(field, country)
    if rule is None:
        return _SEPARATORS.sub("", value).upper()
    try:
        return rule.validate(value.strip())
    except StdnumError as exc:
        raise IdentifierError(field, _("%(what)s is not valid: %(reason)s.",
                                       what=str(rule.name), reason=_reason(exc))) from None


def iban_rule() -> Rule:
    """IBANs are international: one rule for every country (country code, length, mod 97)."""
    return Rule(_l("IBAN"), iban.validate)
