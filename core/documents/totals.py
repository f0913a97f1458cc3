"""The one calculation of document lines and totals: Decimal, half up, per VAT rate.

Every document plugin (offers, orders, invoices ...) uses these, so a line totals the same
on each paper of a chain.

A line's net is ``quantity * unit_price`` less its discount, rounded half up to 2 places.
VAT is computed once per rate on the sum of the nets at that rate (as Romanian and
Bulgarian invoices show it), so rounding differences never pile up line by line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def money(value: Decimal) -> Decimal:
    """``value`` rounded half up to cents."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def line_net(quantity: Decimal, unit_price: Decimal, discount: Decimal = Decimal(0)) -> Decimal:
    """Net amount of a line: after the discount (a percentage), before VAT, in cents."""
    return money(quantity * unit_price * (HUNDRED - discount) / HUNDRED)


@dataclass(frozen=True)
class RateTotal:
    """Sums at one VAT rate."""

    rate: Decimal
    net: Decimal
    vat: Decimal

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


@dataclass(frozen=True)
class Totals:
    by_rate: tuple[RateTotal, ...]

    @property
    def net(self) -> Decimal:
        return sum((r.net for r in self.by_rate), Decimal("0.00"))

    @property
    def vat(self) -> Decimal:
        return sum((r.vat for r in self.by_rate), Decimal("0.00"))

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


def totals_of(lines: Iterable[Any]) -> Totals:
    """Totals of lines having ``net`` and ``vat_rate``, one entry per rate (ascending)."""
    nets: dict[Decimal, Decimal] = {}
    for line in lines:
        rate = Decimal(line.vat_rate).normalize() + 0  # 19, 19.0 and 19.00 are one rate
        nets[rate] = nets.get(rate, Decimal("0.00")) + Decimal(line.net)
    return Totals(tuple(RateTotal(rate, net, money(net * rate / HUNDRED))
                        for rate, net in sorted(nets.items())))
