"""Exchange rates: entered by staff or imported from the national bank's daily XML file
(BNR's ``nbrfxrates.xml``: ``<Cube date><Rate currency multiplier>``), read at issue."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from lxml import etree
from sqlalchemy import select

from core.company import company_profile
from core.db import session
from core.errors import ValidationError
from core.i18n import gettext as _
from core.services import service, validate
from plugins.invoicing.exceptions import InvalidInvoiceData
from plugins.invoicing.models import ExchangeRate
from plugins.invoicing.schemas import RateSchema

RATE_MAX_AGE = timedelta(days=7)
"""A rate older than this on the issue date is stale (banks publish every business day)."""


MAX_RATE = Decimal("1e9")
"""The largest rate taken (as ``RateSchema`` allows when one is entered)."""
RECENT = 60
"""Rates the staff page lists, newest first."""


@service("invoicing.rates")
def set_rate(principal: Any, data: Any, *, source: str = "manual") -> ExchangeRate:
    """Enter (or correct) the rate of one currency on one date, in units of ``domestic``
    (default: the company's accounting currency, the one issuing converts into)."""
    values = validate(RateSchema(), data)
    domestic = values["domestic"] or company_profile().currency
    return _store(
        values["currency"].upper(), domestic.upper(), values["rate_date"], values["rate"], source
    )


@service("invoicing.read")
def recent_rates(principal: Any, limit: int = RECENT) -> list[ExchangeRate]:
    """The latest rates entered or imported, newest date first."""
    return list(
        session().scalars(
            select(ExchangeRate)
            .order_by(ExchangeRate.rate_date.desc(), ExchangeRate.currency, ExchangeRate.id)
            .limit(limit)
        )
    )


@service("invoicing.rates")
def import_bnr_xml(principal: Any, xml: bytes, domestic: str = "RON") -> int:
    """Store every rate of a BNR daily file; returns how many were stored."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        raise ValidationError(
            _("The file is not XML."), fields={"file": [_("The file is not XML.")]}
        ) from None
    count = 0
    for cube in root.iter("{*}Cube"):
        try:
            day = date.fromisoformat(cube.get("date", ""))
        except ValueError:
            continue
        for rate in cube.iter("{*}Rate"):
            currency = (rate.get("currency") or "").upper()
            try:
                value = (Decimal(rate.text or "") / Decimal(rate.get("multiplier") or 1)).quantize(
                    Decimal("0.000001")
                )
            except (InvalidOperation, ZeroDivisionError):
                continue
            if not (
                len(currency) == 3
                and currency.isascii()
                and currency.isalpha()
                and 0 < value <= MAX_RATE
            ):
                continue  # not a rate a column of NUMERIC(18, 6) holds, or no currency
            _store(currency, domestic, day, value, "bnr")
            count += 1
    return count


def rate_on(currency: str, domestic: str, day: date) -> Decimal:
    """The rate in force on ``day``: the latest on or before it, at most a week old."""
    row = (
        session()
        .scalars(
            select(ExchangeRate)
            .where(
                ExchangeRate.currency == currency,
                ExchangeRate.domestic == domestic,
                ExchangeRate.rate_date <= day,
                ExchangeRate.rate_date > day - RATE_MAX_AGE,
            )
            .order_by(ExchangeRate.rate_date.desc())
        )
        .first()
    )
    if row is None:
        raise InvalidInvoiceData(
            {
                "exchange_rate": [
                    _(
                        "Enter the %(currency)s rate of %(day)s first.",
                        currency=currency,
                        day=day.isoformat(),
                    )
                ]
            }
        )
    return row.rate


def _store(currency: str, domestic: str, day: date, rate: Decimal, source: str) -> ExchangeRate:
    row = (
        session()
        .scalars(
            select(ExchangeRate).where(
                ExchangeRate.currency == currency,
                ExchangeRate.domestic == domestic,
                ExchangeRate.rate_date == day,
            )
        )
        .first()
    )
    if row is None:
        row = ExchangeRate(currency=currency, domestic=domestic, rate_date=day)
        session().add(row)
    row.rate, row.source = rate, source
    session().flush()
    return row
