"""Totals are exact to the cent: each line rounded, VAT once per category and rate."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from core.documents.totals import line_net
from plugins.invoicing.vat import breakdown

CENT = Decimal("0.01")


@dataclass
class Line:
    net: Decimal
    vat_rate: Decimal
    vat_category: str = "S"
    exemption_reason: str | None = None


lines = st.lists(
    st.tuples(
        st.decimals(min_value=Decimal("-1000"), max_value=Decimal("1000"), places=3),
        st.decimals(min_value=Decimal("0"), max_value=Decimal("99999"), places=4),
        st.sampled_from([Decimal(0), Decimal(5), Decimal("12.5")]),
        st.sampled_from(
            [
                ("S", Decimal(19)),
                ("S", Decimal(9)),
                ("S", Decimal(5)),
                ("Z", 0),
                ("E", 0),
                ("AE", 0),
            ]
        ),
    ),
    min_size=1,
    max_size=30,
)


@given(lines)
def test_totals_add_up_per_group_and_to_the_cent(items: list) -> None:
    made = [Line(line_net(q, p, d), Decimal(rate), cat) for q, p, d, (cat, rate) in items]
    result = breakdown(made, "ro")
    for line in made:
        assert line.net == line.net.quantize(CENT)
    assert result.net == sum((line.net for line in made), Decimal(0))
    for group in result.groups:
        members = [
            m
            for m in made
            if m.vat_category == group.category
            and (group.category != "S" or m.vat_rate == group.rate)
        ]
        expected = (
            (sum((m.net for m in members), Decimal(0)) * group.rate / 100).quantize(
                CENT, rounding=ROUND_HALF_UP
            )
            if group.category == "S"
            else Decimal(0)
        )
        assert group.vat == expected
        if group.category in ("E", "AE"):
            assert group.mention  # the legal mention is always printed
    assert result.gross == result.net + result.vat
    assert result.vat == sum((g.vat for g in result.groups), Decimal(0))
