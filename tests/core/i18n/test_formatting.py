# ruff: noqa: RUF001 -- Bulgarian and Russian output is Cyrillic on purpose
"""Dates, numbers and money as each of the four locales writes them (real Babel output)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from core.i18n import (
    format_date,
    format_datetime,
    format_decimal,
    format_money,
    format_number,
    format_percent,
)

LATE_EVENING_UTC = datetime(2026, 3, 5, 22, 30, tzinfo=UTC)  # already 6 March in Bucharest


@pytest.mark.parametrize(("locale", "currency", "expected"), [
    ("en", "EUR", "€1,234.50"),
    ("ro", "RON", "1.234,50\xa0lei"),
    ("ro", "EUR", "1.234,50\xa0EUR"),
    ("bg", "BGN", "1\xa0234,50\xa0лв."),
    ("bg", "EUR", "1\xa0234,50\xa0€"),
    ("ru", "RUB", "1\xa0234,50\xa0₽"),
])
def test_money_in_each_locale(locale: str, currency: str, expected: str) -> None:
    assert format_money(Decimal("1234.5"), currency, locale=locale) == expected


def test_money_keeps_sign_and_accepts_lowercase_codes() -> None:
    assert format_money(Decimal("-0.5"), "ron", locale="ro") == "-0,50\xa0lei"


def test_money_refuses_float_and_passes_none_through() -> None:
    with pytest.raises(TypeError, match="Decimal"):
        format_money(1234.5, "EUR", locale="en")  # type: ignore[arg-type]
    assert format_money(None, "EUR", locale="en") == ""


@pytest.mark.parametrize(("locale", "number", "decimal", "percent"), [
    ("en", "1,234,567", "1,234.5678", "19%"),
    ("ro", "1.234.567", "1.234,5678", "19\xa0%"),
    ("bg", "1\xa0234\xa0567", "1\xa0234,5678", "19%"),
    ("ru", "1\xa0234\xa0567", "1\xa0234,5678", "19\xa0%"),
])
def test_numbers_in_each_locale(locale: str, number: str, decimal: str, percent: str) -> None:
    assert format_number(1234567, locale=locale) == number
    assert format_decimal(Decimal("1234.5678"), locale=locale) == decimal
    assert format_percent(Decimal("0.19"), locale=locale) == percent


def test_decimal_with_a_pattern_pads_quantities() -> None:
    assert format_decimal(Decimal("2.5"), "#,##0.000", locale="ro") == "2,500"


@pytest.mark.parametrize(("locale", "day", "moment"), [
    ("en", "Mar 6, 2026", "Mar 6, 2026, 12:30:00\u202fAM"),
    ("ro", "6 mar. 2026", "6 mar. 2026, 00:30:00"),
    ("bg", "6.03.2026\u202fг.", "6.03.2026\u202fг., 0:30:00"),
    ("ru", "6 мар. 2026\u202fг.", "6 мар. 2026\u202fг., 00:30:00"),
])
def test_dates_in_each_locale_move_to_the_readers_time_zone(
        locale: str, day: str, moment: str) -> None:
    assert format_date(LATE_EVENING_UTC, locale=locale, tz="Europe/Bucharest") == day
    assert format_datetime(LATE_EVENING_UTC, locale=locale, tz="Europe/Bucharest") == moment


def test_plain_date_is_not_shifted_and_naive_datetime_is_utc() -> None:
    assert format_date(date(2026, 3, 5), "short", locale="ro") == "05.03.2026"
    naive = LATE_EVENING_UTC.replace(tzinfo=None)
    assert format_datetime(naive, "short", locale="ro", tz="Europe/Bucharest") == \
        "06.03.2026, 00:30"


def test_request_locale_and_configured_time_zone_apply(make_app) -> None:
    app = make_app(plugins="sample", KONTORA_TIMEZONE="Asia/Tokyo")
    with app.test_request_context("/", headers={"Accept-Language": "ro-RO,ro;q=0.9"}):
        assert format_money(Decimal("1234.5"), "RON") == "1.234,50\xa0lei"
        assert format_datetime(LATE_EVENING_UTC, "short") == "06.03.2026, 07:30"


def test_filters_in_templates(make_app) -> None:
    app = make_app(plugins="sample")
    template = app.jinja_env.from_string(
        "{{ amount|format_money('BGN') }} | {{ when|format_date('long') }} | "
        "{{ share|format_percent }} | {{ count|format_number }} | {{ none|format_money('BGN') }}")
    with app.test_request_context("/", headers={"Accept-Language": "bg"}):
        rendered = template.render(amount=Decimal("99.9"), when=date(2026, 1, 31),
                                   share=Decimal("0.2"), count=10000, none=None)
    assert rendered == "99,90\xa0лв. | 31 януари 2026\u202fг. | 20% | 10\xa0000 | "
