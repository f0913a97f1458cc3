"""Dates, numbers and money written the way the reader's locale writes them (Babel, CLDR).

Each helper formats for the current request's locale and time zone; pass ``locale=`` (and
``tz=``) to format for someone else, e.g. in an e-mail job. Outside an application context
the defaults are English and UTC. ``None`` formats as an empty string, so templates can pass
optional fields straight through. The same names are Jinja filters:
``{{ invoice.total|format_money(invoice.currency) }}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo

import flask_babel
from babel import Locale, dates, numbers
from flask import has_app_context

LOCAL_CURRENCY_SYMBOLS: dict[tuple[str, str], str] = {("ro", "RON"): "lei"}
"""Where what people write differs from CLDR's symbol: Romanians write "1.234,50 lei"."""


def _locale(locale: str | Locale | None) -> Locale:
    if locale is not None:
        return Locale.parse(locale)
    return flask_babel.get_locale() or Locale.parse("en")


def _tz(tz: str | tzinfo | None) -> tzinfo:
    if isinstance(tz, str):
        return ZoneInfo(tz)
    if tz is not None:
        return tz
    return flask_babel.get_timezone() if has_app_context() else UTC


def _aware(value: datetime) -> datetime:
    """Stored datetimes are UTC; a naive one is read as UTC, never as server local time."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def format_date(value: date | datetime | None, format: str = "medium", *,
                locale: str | Locale | None = None, tz: str | tzinfo | None = None) -> str:
    """The date part of ``value``; a datetime is first moved to the reader's time zone."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = _aware(value).astimezone(_tz(tz)).date()
    return dates.format_date(value, format, locale=_locale(locale))


def format_datetime(value: datetime | None, format: str = "medium", *,
                    locale: str | Locale | None = None, tz: str | tzinfo | None = None) -> str:
    """Date and time of ``value`` in the reader's time zone (the user's, else KONTORA_TIMEZONE)."""
    if value is None:
        return ""
    return dates.format_datetime(_aware(value), format, tzinfo=_tz(tz), locale=_locale(locale))


def format_number(value: int | Decimal | None, *, locale: str | Locale | None = None) -> str:
    """A count or quantity with the locale's grouping and decimal signs: 1.234.567 in ro."""
    if value is None:
        return ""
    return numbers.format_decimal(value, locale=_locale(locale))


def format_decimal(value: int | Decimal | None, format: str | None = None, *,
                   locale: str | Locale | None = None) -> str:
    """A decimal with an optional CLDR pattern, e.g. ``format="#,##0.000"`` for quantities."""
    if value is None:
        return ""
    return numbers.format_decimal(value, format=format, locale=_locale(locale),
                                  decimal_quantization=format is not None)


def format_money(amount: Decimal | int | None, currency: str, *,
                 locale: str | Locale | None = None) -> str:
    """``amount`` of ``currency`` as the reader writes it: "1.234,50 lei", "1 234,50 лв.".

    Money is ``Decimal``: a float is refused, since it may already have lost a cent.
    The currency's own number of decimals applies (JPY none, EUR two).
    """
    if amount is None:
        return ""
    if isinstance(amount, float):
        raise TypeError("format_money takes a Decimal amount, not a float")
    loc = _locale(locale)
    pattern = None
    symbol = LOCAL_CURRENCY_SYMBOLS.get((loc.language, currency.upper()))
    if symbol is not None:
        pattern = loc.currency_formats["standard"].pattern.replace("¤", f"'{symbol}'")
    return numbers.format_currency(amount, currency.upper(), format=pattern, locale=loc)


def format_money_totals(totals: Mapping[str, Decimal | int | None], *,
                        locale: str | Locale | None = None) -> str:
    """Amounts in several currencies, one per currency ("25.000,00 lei · 8.400,00 BGN").

    Sums of different currencies are never added up: a board column or a list footer
    shows each currency's total, in the order of the currency codes.
    """
    return " · ".join(format_money(amount, currency, locale=locale)
                      for currency, amount in sorted(totals.items()) if amount is not None)


def format_percent(value: int | Decimal | None, format: str | None = None, *,
                   locale: str | Locale | None = None) -> str:
    """A ratio as a percentage: ``Decimal("0.19")`` is "19 %" in ro, "19%" in en."""
    if value is None:
        return ""
    return numbers.format_percent(value, format=format, locale=_locale(locale))


FILTERS = {
    "format_date": format_date,
    "format_datetime": format_datetime,
    "format_number": format_number,
    "format_decimal": format_decimal,
    "format_money": format_money,
    "format_money_totals": format_money_totals,
    "format_percent": format_percent,
}
"""The helpers above as Jinja filters, installed on every application."""
