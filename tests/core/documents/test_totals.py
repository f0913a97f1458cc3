"""Line amounts and totals per VAT rate: Decimal, half up to cents, VAT once per rate."""

from __future__ import annotations

from decimal import Decimal as D
from types import SimpleNamespace

from core.documents.totals import line_net, money, totals_of


def line(net: str, rate: str) -> SimpleNamespace:
    return SimpleNamespace(net=D(net), vat_rate=D(rate))


def test_line_net_rounds_half_up_to_cents():
    assert line_net(D("3"), D("0.3350")) == D("1.01")          # 1.005 -> 1.01, not 1.00
    assert line_net(D("1"), D("10.005")) == D("10.01")
    assert line_net(D("1"), D("10.004")) == D("10.00")
    assert line_net(D("2.5"), D("0.0125")) == D("0.03")         # 0.03125
    assert line_net(D("1"), D("100"), D("33.333")) == D("66.67")
    assert line_net(D("7"), D("19.99"), D("100")) == D("0.00")
    assert money(D("-0.005")) == D("-0.01")


def test_totals_are_kept_per_vat_rate():
    totals = totals_of([line("100.00", "19"), line("0.05", "19"), line("10.01", "9"),
                           line("50.00", "0"), line("0.05", "19.00")])
    assert [(r.rate, r.net, r.vat) for r in totals.by_rate] == [
        (D("0"), D("50.00"), D("0.00")),
        (D("9"), D("10.01"), D("0.90")),            # 0.9009
        (D("19"), D("100.10"), D("19.02")),         # 19.019 -> 19.02 once, not per line
    ]
    assert (totals.net, totals.vat, totals.gross) == (D("160.11"), D("19.92"), D("180.03"))


def test_vat_per_rate_differs_from_vat_per_line():
    # three lines of 0.05 at 19 %: per line 0.01 each (0.03), per rate 0.15 * 19 % = 0.03;
    # 0.10 + 0.10 + 0.10 at 5 %: per line 0.01 each (0.03), per rate 0.30 * 5 % = 0.02 (0.015)
    totals = totals_of([line("0.10", "5")] * 3)
    assert totals.vat == D("0.02")
    assert totals.gross == D("0.32")


def test_no_lines_total_zero():
    totals = totals_of([])
    assert totals.by_rate == () and totals.gross == D("0.00")
