"""Order arithmetic: a line's net amount and the totals per VAT rate, in ``Decimal``.

VAT is computed once per rate on the sum of the nets at that rate (how Romanian and
Bulgarian invoices show it), not per line, so rounding never drifts with the line count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def line_net(quantity: Decimal, unit_price: Decimal, discount: Decimal) -> Decimal:
    """``quantity * unit_price`` less ``discount`` percent, rounded to cents."""
    gross = Decimal(quantity) * Decimal(unit_price)
    return (gross * (HUNDRED - Decimal(discount)) / HUNDRED).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class VatGroup:
    rate: Decimal
    net: Decimal
    vat: Decimal

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


@dataclass(frozen=True)
class Totals:
    groups: tuple[VatGroup, ...]

    @property
    def net(self) -> Decimal:
        return sum((g.net for g in self.groups), Decimal("0.00"))

    @property
    def vat(self) -> Decimal:
        return sum((g.vat for g in self.groups), Decimal("0.00"))

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


def totals_of(lines: Iterable[Any]) -> Totals:
    """Totals of lines (objects with ``net`` and ``vat_rate``), one group per VAT rate."""
    by_rate: dict[Decimal, Decimal] = {}
    for line in lines:
        rate = Decimal(line.vat_rate).normalize() + 0
        by_rate[rate] = by_rate.get(rate, Decimal("0.00")) + Decimal(line.net)
    return Totals(tuple(
        VatGroup(rate, net, (net * rate / HUNDRED).quantize(CENT, ROUND_HALF_UP))
        for rate, net in sorted(by_rate.items())))
