"""The cost calculator: catalogue defaults, totals into the budget, the document content."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.conversions.content import read_content
from core.errors import ValidationError
from plugins.catalog.models import Product
from plugins.leads.services import calculator, create_lead


def _product(s, code: str, price: str, currency: str = "RON", vat: str = "19") -> Product:
    product = Product(code=code, name=f"Product {code}", kind="service", unit="h",
                      price=Decimal(price), currency=currency, vat_rate=Decimal(vat))
    s.add(product)
    s.flush()
    return product


def test_lines_price_from_the_catalogue_and_set_the_budget(ctx):
    s, principal = ctx["session"], ctx["as_ann"]
    consult = _product(s, "CONS", "220.00")
    lead = create_lead(principal, {"title": "Audit", "currency": "RON", "budget": "1"})
    first = calculator.add_line(principal, lead.id, {"product_id": consult.id,
                                                     "quantity": "10", "discount": "10"})
    assert (first.description, first.unit, first.unit_price, first.vat_rate) == (
        "Product CONS", "h", Decimal("220.0000"), Decimal("19.00"))
    assert first.net == Decimal("1980.00") and lead.budget == Decimal("1980.00")
    extra = calculator.add_line(principal, lead.id, {"description": "Travel",
                                                     "quantity": "1", "unit_price": "149.999"})
    assert lead.budget == Decimal("2130.00")
    calculator.update_line(principal, lead.id, extra.id, {"quantity": "2"})
    assert lead.budget == Decimal("2280.00")
    assert calculator.totals(lead) == {"net": Decimal("2280.00"), "vat": Decimal("376.20"),
                                       "gross": Decimal("2656.20")}
    calculator.remove_line(principal, lead.id, extra.id)
    assert lead.budget == Decimal("1980.00")


def test_bad_lines_are_field_errors(ctx):
    s, principal = ctx["session"], ctx["as_ann"]
    euro = _product(s, "EUR-SUP", "65", currency="EUR")
    lead = create_lead(principal, {"title": "Support", "currency": "RON"})
    for data, field in [({"quantity": "0", "description": "x", "unit_price": "1"}, "quantity"),
                        ({"quantity": "1"}, "description"),
                        ({"quantity": "1", "product_id": 999999}, "product_id"),
                        ({"quantity": "1", "product_id": euro.id}, "unit_price"),
                        ({"quantity": "1", "description": "x", "unit_price": "1",
                          "discount": "101"}, "discount"),
                        ({"quantity": "abc"}, "quantity")]:
        with pytest.raises(ValidationError) as exc:
            calculator.add_line(principal, lead.id, data)
        assert field in exc.value.fields, (data, exc.value.fields)
    line = calculator.add_line(principal, lead.id, {"quantity": "1", "product_id": euro.id,
                                                    "unit_price": "320"})
    assert line.unit_price == Decimal("320")


def test_the_lines_are_a_neutral_document_for_offers(ctx):
    s, principal = ctx["session"], ctx["as_ann"]
    product = _product(s, "MIX", "1450.00")
    lead = create_lead(principal, {"title": "Mixer", "currency": "RON",
                                   "description": "Delivery in May"})
    calculator.add_line(principal, lead.id, {"product_id": product.id, "quantity": "2"})
    content = read_content("leads.lead", lead.id)  # checks the protocol's shape
    assert content["reference"] == "Mixer" and content["currency"] == "RON"
    assert content["party_id"] is None and content["notes"] == "Delivery in May"
    [line] = content["lines"]
    assert (line["product_id"], line["quantity"], line["net"]) == (
        product.id, Decimal("2.0000"), Decimal("2900.00"))
    assert content["totals"] == {"net": Decimal("2900.00"), "vat": Decimal("551.00"),
                                 "gross": Decimal("3451.00")}
