"""UN/CEFACT Cross Industry Invoice (CII D16B) conforming to EN 16931, for Factur-X.

The same frozen snapshots and totals as the UBL export (``ubl.py``), in the syntax
Factur-X / ZUGFeRD embed in a PDF/A-3. A credit note is type 381 with positive amounts,
as in UBL; a foreign-currency document of a Romanian seller states its VAT in RON too.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from lxml import etree

from core.documents.totals import money
from core.errors import Conflict
from core.i18n import gettext as _
from plugins.invoicing.ubl import EN16931, EXEMPTION_CODES, UNITS, vat_id
from plugins.invoicing.vat import breakdown

RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
NSMAP = {"rsm": RSM, "ram": RAM, "udt": UDT}


def _el(parent: Any, path: str, text: Any = None, **attrs: str) -> Any:
    """The element at ``path`` (``ram:`` names joined by ``/``) under ``parent``, made."""
    el = parent
    for name in path.split("/"):
        el = etree.SubElement(el, f"{{{RAM}}}{name}")
    for key, value in attrs.items():
        el.set(key, value)
    if text is not None:
        el.text = str(text)
    return el


def _amount(parent: Any, path: str, value: Decimal, currency: str | None = None) -> Any:
    return _el(
        parent, path, f"{money(value):.2f}", **({"currencyID": currency} if currency else {})
    )


def _date(parent: Any, path: str, day: date) -> None:
    when = _el(parent, path)
    etree.SubElement(when, f"{{{UDT}}}DateTimeString", format="102").text = day.strftime("%Y%m%d")


def _party(parent: Any, tag: str, data: dict[str, Any], *, seller: bool) -> None:
    country = (data.get("address_country") or data.get("country") or "RO").upper()
    party = _el(parent, tag)
    _el(party, "Name", data.get("name") or "-")
    company_id = data.get("tax_id") or data.get("trade_register_no")
    if data.get("kind") == "private_person":
        company_id = data.get("personal_id")
    if company_id:
        _el(party, "SpecifiedLegalOrganization/ID", company_id)
    if data.get("email") or data.get("phone"):
        contact = _el(party, "DefinedTradeContact")
        if data.get("phone"):
            _el(contact, "TelephoneUniversalCommunication/CompleteNumber", data["phone"])
        if data.get("email"):
            _el(contact, "EmailURIUniversalCommunication/URIID", data["email"])
    address = _el(party, "PostalTradeAddress")
    if data.get("postal_code"):
        _el(address, "PostcodeCode", data["postal_code"])
    _el(address, "LineOne", data.get("street") or "-")
    _el(address, "CityName", data.get("city") or "-")
    _el(address, "CountryID", country)
    if data.get("region"):
        _el(address, "CountrySubDivisionName", data["region"])
    vat = vat_id(data.get("vat_number"), country)
    if vat and (not seller or data.get("vat_payer", True)):
        _el(party, "SpecifiedTaxRegistration/ID", vat, schemeID="VA")


def _tax(
    parent: Any,
    category: str,
    rate: Decimal,
    *,
    mention: str | None = None,
    amounts: tuple[Decimal, Decimal, str] | None = None,
) -> None:
    """An ``ApplicableTradeTax``: with (vat, basis, currency) in the header breakdown."""
    tax = _el(parent, "ApplicableTradeTax")
    if amounts:
        _amount(tax, "CalculatedAmount", amounts[0])
    _el(tax, "TypeCode", "VAT")
    if mention and category not in EXEMPTION_CODES:
        _el(tax, "ExemptionReason", mention)
    if amounts:
        _amount(tax, "BasisAmount", amounts[1])
    _el(tax, "CategoryCode", category)
    if mention and category in EXEMPTION_CODES:
        _el(tax, "ExemptionReasonCode", EXEMPTION_CODES[category])
    if category != "O":
        _el(tax, "RateApplicablePercent", f"{rate:.2f}")


def cii_xml(doc: Any) -> bytes:
    """The issued invoice or credit note ``doc`` as CII XML bytes (EN 16931 profile)."""
    if doc.status != "issued" or doc.doc_type == "proforma":
        raise Conflict(_("Only issued invoices and credit notes export as e-invoices."))
    credit = doc.doc_type == "credit_note"
    sign = Decimal(-1) if credit else Decimal(1)
    cur = doc.currency
    root = etree.Element(f"{{{RSM}}}CrossIndustryInvoice", nsmap=NSMAP)
    context = etree.SubElement(root, f"{{{RSM}}}ExchangedDocumentContext")
    _el(context, "GuidelineSpecifiedDocumentContextParameter/ID", EN16931)
    header = etree.SubElement(root, f"{{{RSM}}}ExchangedDocument")
    _el(header, "ID", doc.number)
    _el(header, "TypeCode", "381" if credit else "380")
    _date(header, "IssueDateTime", doc.issue_date)
    if doc.notes:
        _el(header, "IncludedNote/Content", doc.notes[:300])
    trade = etree.SubElement(root, f"{{{RSM}}}SupplyChainTradeTransaction")
    for number, line in enumerate(doc.lines, start=1):
        _line(trade, number, line, sign)
    agreement = _el(trade, "ApplicableHeaderTradeAgreement")
    _party(agreement, "SellerTradeParty", doc.seller_data, seller=True)
    _party(agreement, "BuyerTradeParty", doc.buyer_data, seller=False)
    _el(trade, "ApplicableHeaderTradeDelivery")
    _settlement(_el(trade, "ApplicableHeaderTradeSettlement"), doc, sign, cur)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _settlement(settlement: Any, doc: Any, sign: Decimal, cur: str) -> None:
    domestic = doc.domestic_currency
    tax_currency = domestic if doc.exchange_rate and domestic and domestic != cur else None
    if tax_currency:
        _el(settlement, "TaxCurrencyCode", tax_currency)
    _el(settlement, "InvoiceCurrencyCode", cur)
    iban = doc.seller_data.get("iban")
    if iban:
        means = _el(settlement, "SpecifiedTradeSettlementPaymentMeans")
        _el(means, "TypeCode", "30")
        _el(means, "PayeePartyCreditorFinancialAccount/IBANID", iban.replace(" ", ""))
    totals = breakdown(doc.lines, doc.language)
    for group in totals.groups:
        _tax(
            settlement,
            group.category,
            group.rate,
            mention=group.mention,
            amounts=(sign * group.vat, sign * group.net, cur),
        )
    if doc.due_date:
        terms = _el(settlement, "SpecifiedTradePaymentTerms")
        _date(terms, "DueDateDateTime", doc.due_date)
    summary = _el(settlement, "SpecifiedTradeSettlementHeaderMonetarySummation")
    _amount(summary, "LineTotalAmount", sign * totals.net)
    _amount(summary, "TaxBasisTotalAmount", sign * totals.net)
    _amount(summary, "TaxTotalAmount", sign * totals.vat, cur)
    if tax_currency:
        _amount(summary, "TaxTotalAmount", sign * totals.vat * doc.exchange_rate, tax_currency)
    _amount(summary, "GrandTotalAmount", sign * totals.gross)
    paid = sign * doc.paid_amount
    if paid:
        _amount(summary, "TotalPrepaidAmount", paid)
    _amount(summary, "DuePayableAmount", sign * totals.gross - paid)
    if doc.doc_type == "credit_note" and doc.reference:
        _el(settlement, "InvoiceReferencedDocument/IssuerAssignedID", doc.reference)


def _line(trade: Any, number: int, line: Any, sign: Decimal) -> None:
    item = _el(trade, "IncludedSupplyChainTradeLineItem")
    _el(item, "AssociatedDocumentLineDocument/LineID", number)
    _el(item, "SpecifiedTradeProduct/Name", line.description[:200])
    price = f"{line.unit_price.normalize():f}" if line.unit_price else "0"
    _el(item, "SpecifiedLineTradeAgreement/NetPriceProductTradePrice/ChargeAmount", price)
    _el(
        item,
        "SpecifiedLineTradeDelivery/BilledQuantity",
        f"{(sign * line.quantity).normalize():f}",
        unitCode=UNITS.get((line.unit or "").lower(), "C62"),
    )
    settlement = _el(item, "SpecifiedLineTradeSettlement")
    rate = Decimal(0) if line.vat_category != "S" else Decimal(line.vat_rate)
    _tax(settlement, line.vat_category, rate)
    allowance = money(line.quantity * line.unit_price) - line.net
    if line.discount and allowance:
        charge = _el(settlement, "SpecifiedTradeAllowanceCharge")
        etree.SubElement(_el(charge, "ChargeIndicator"), f"{{{UDT}}}Indicator").text = "false"
        _amount(charge, "ActualAmount", sign * allowance)
        _el(charge, "ReasonCode", "95")
    _amount(
        settlement, "SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount", sign * line.net
    )
