"""Property: any invoice, in lei or in a foreign currency, adds up to the cent on the paper
the authorities check. Hypothesis draws lines (quantities, prices, discounts, VAT rates and
categories) and a currency; each invoice is issued through the service and its UBL run
through the official EN 16931 and CIUS-RO rules, whose arithmetic asserts (line nets to the
document's, VAT per category and rate, totals, the VAT in lei of a foreign-currency
invoice) must all hold. The stored totals equal the breakdown the paper prints."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.documents.totals import money
from plugins.invoicing import services
from plugins.invoicing.ubl import ubl_xml
from plugins.invoicing.vat import breakdown
from tests.plugins.invoicing.conftest import make_client, make_seller, make_user, principal

RATE = Decimal("4.9762")
CATEGORIES = [("S", "19"), ("S", "9"), ("S", "5"), ("Z", "0"), ("E", "0"), ("AE", "0")]
lines = st.lists(
    st.builds(
        lambda q, p, d, cat: {
            "description": "Serviciu",
            "unit": "h",
            "quantity": str(q),
            "unit_price": str(p),
            "discount": str(d),
            "vat_category": cat[0],
            "vat_rate": cat[1],
        },
        st.decimals(min_value=Decimal("0.001"), max_value=Decimal("1000"), places=3),
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999"), places=4),
        st.sampled_from([Decimal(0), Decimal(5), Decimal("12.5")]),
        st.sampled_from(CATEGORIES),
    ),
    min_size=1,
    max_size=8,
)


def test_random_invoices_pass_the_official_arithmetic_rules(unit: Any, rules: Any) -> None:
    def setup() -> tuple[Any, int]:
        who = principal(make_user("anna"))
        make_seller()
        services.set_rate(who, {"currency": "EUR", "rate_date": "2026-03-02", "rate": str(RATE)})
        services.set_rate(who, {"currency": "USD", "rate_date": "2026-03-02", "rate": "4.5123"})
        return who, make_client().id

    who, client_id = unit(setup)

    @settings(
        max_examples=12, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(lines, st.sampled_from(["RON", "EUR", "USD"]))
    def check(items: list[dict[str, str]], currency: str) -> None:
        def issue() -> tuple[bytes, Any, Any]:
            doc = services.create_invoice(
                who, {"party_id": client_id, "currency": currency, "lines": items}
            )
            services.issue_invoice(who, doc.id, {"issue_date": "2026-03-02"})
            return (
                ubl_xml(doc),
                (doc.total_net, doc.total_vat, doc.total_gross),
                breakdown(doc.lines, doc.language),
            )

        xml, stored, printed = unit(issue)
        assert rules.fatal(xml) == []
        assert stored == (printed.net, printed.vat, printed.gross)
        assert all(group.vat == money(group.net * group.rate / 100) for group in printed.groups)

    check()
