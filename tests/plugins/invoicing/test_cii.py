"""The CII output (Factur-X's XML) passes the official EN 16931 CII rules for the same cases
as the UBL export."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from lxml import etree

from plugins.invoicing.cii import RAM, cii_xml
from tests.plugins.invoicing.conftest import line
from tests.plugins.invoicing.test_ubl import CASES, _issued


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_cii_invoice_passes_en16931(unit: Any, rules: Any, case: str) -> None:
    xml = unit(lambda: _issued(**CASES[case], export=cii_xml))
    assert rules.failed_asserts_cii(xml) == []


def test_a_credit_note_is_type_381_with_positive_amounts_and_its_invoice(unit: Any) -> None:
    xml = etree.fromstring(unit(lambda: _issued(**CASES["credit_note"], export=cii_xml)))
    ns = {"ram": RAM}
    assert xml.findtext(".//ram:TypeCode", namespaces=ns) == "381"
    assert xml.findtext(
        ".//ram:InvoiceReferencedDocument/ram:IssuerAssignedID", namespaces=ns
    ).startswith("FCT-")
    assert Decimal(xml.findtext(".//ram:DuePayableAmount", namespaces=ns)) > 0


def test_a_foreign_currency_invoice_states_its_vat_in_lei_too(unit: Any) -> None:
    xml = unit(lambda: _issued([line("Consulting", "3", "120.5")], currency="EUR", export=cii_xml))
    vat = (Decimal("68.69") * Decimal("4.9762")).quantize(Decimal("0.01"))
    assert b"<ram:TaxCurrencyCode>RON</ram:TaxCurrencyCode>" in xml
    assert f'<ram:TaxTotalAmount currencyID="RON">{vat}</ram:TaxTotalAmount>'.encode() in xml
