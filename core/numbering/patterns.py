"""Number patterns: a format string over ``{year}`` and ``{seq}``, checked before it is saved."""

from __future__ import annotations

import string

from core.errors import ValidationError
from core.i18n import gettext as _

FIELDS = ("year", "seq")


def check_pattern(pattern: str, *, yearly_reset: bool) -> list[str]:
    """Reasons ``pattern`` cannot number documents (empty when it can)."""
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError:
        return [_("The pattern has an unmatched brace; write {{ and }} for literal braces.")]
    names = [name for _text, name, _spec, _conv in parts if name is not None]
    problems: list[str] = []
    unknown = sorted({n for n in names if n not in FIELDS})
    if unknown:
        problems.append(_("Unknown field(s) %(names)s: use {year} and {seq}.",
                          names=", ".join("{" + n + "}" for n in unknown)))
    if "seq" not in names:
        problems.append(_("The pattern must contain {seq}, for example {seq:05d}."))
    if yearly_reset and "year" not in names:
        problems.append(_("A series that restarts every year needs {year} in its pattern."))
    if not problems:
        try:
            format_number(pattern, 2026, 1)
        except (ValueError, TypeError, IndexError):
            problems.append(_("The pattern cannot be filled in; check the formats after ':'."))
    return problems


def validate_pattern(pattern: str, *, yearly_reset: bool) -> None:
    problems = check_pattern(pattern, yearly_reset=yearly_reset)
    if problems:
        raise ValidationError(_("The pattern is not valid."), fields={"pattern": problems})


def format_number(pattern: str, year: int, seq: int) -> str:
    """``pattern`` filled in: ``format_number("OF-{year}-{seq:05d}", 2026, 7)`` -> OF-2026-00007."""
    return pattern.format(year=year, seq=seq)
