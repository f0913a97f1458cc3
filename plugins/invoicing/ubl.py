"""UBL 2.1 e-invoices conforming to EN 16931 and, for a Romanian seller, CIUS-RO.

Built from the snapshots and totals frozen at issue, so the XML always tells what the PDF
tells. An invoice is a UBL ``Invoice`` (type 380), a credit note a ``CreditNote`` (381,
quantities and amounts positive, as the standard reads a credit note), a proforma is no
e-invoice. A foreign-currency document of a Romanian seller also states its VAT in RON
(BT-6, BT-111), as CIUS-RO asks.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from lxml import etree

from core.documents.totals import money
from core.errors import Conflict
from core.i18n import gettext as _
from plugins.invoicing.vat import breakdown

NS = {
    None: "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
CREDIT_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CAC, CBC = f"{{{NS['cac']}}}", f"{{{NS['cbc']}}}"
EN16931 = "urn:cen.eu:en16931:2017"
CIUS_RO = "urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1"
UNITS = {"pcs": "H87", "buc": "H87", "h": "HUR", "hour": "HUR", "ora": "HUR", "day": "DAY",
         "zi": "DAY", "month": "MON", "luna": "MON", "kg": "KGM", "m": "MTR", "l": "LTR",
         "km": "KMT", "set": "SET"}
EXEMPTION_CODES = {"AE": "VATEX-EU-AE", "K": "VATEX-EU-IC", "O": "VATEX-EU-O"}


def _amount(parent: Any, tag: str, value: Decimal, currency: str) -> Any:
    el = etree.SubElement(parent, CBC + tag, currencyID=currency)
    el.text = f"{money(value):.2f}"
    return el


def _text(parent: Any, tag: str, value: Any, **attrs: str) -> Any:
    el = etree.SubElement(parent, (CBC if ":" not in tag else "") + tag, **attrs)
    el.text = str(value)
    return el


def vat_id(value: str | None, country: str) -> str | None:
    """A VAT identifier with its country prefix (BR-CO-09)."""
    if not value:
        return None
    value = value.replace(" ", "").upper()
    return value if value[:2].isalpha() else f"{country}{value}"


def _party(parent: Any, tag: str, data: dict[str, Any], *, seller: bool) -> None:
    country = (data.get("address_country") or data.get("country") or "RO").upper()
    party = etree.SubElement(etree.SubElement(parent, CAC + tag), CAC + "Party")
    address = etree.SubElement(party, CAC + "PostalAddress")
    _text(address, "StreetName", data.get("street") or "-")
    _text(address, "CityName", data.get("city") or "-")
    if data.get("postal_code"):
        _text(address, "PostalZone", data["postal_code"])
    if data.get("region"):
        _text(address, "CountrySubentity", data["region"])
    _text(etree.SubElement(address, CAC + "Country"), "IdentificationCode", country)
    tax_id = vat_id(data.get("vat_number"), country)
    if tax_id and ((seller and data.get("vat_payer", True)) or not seller):
        scheme = etree.SubElement(party, CAC + "PartyTaxScheme")
        _text(scheme, "CompanyID", tax_id)
        _text(etree.SubElement(scheme, CAC + "TaxScheme"), "ID", "VAT")
    legal = etree.SubElement(party, CAC + "PartyLegalEntity")
    _text(legal, "RegistrationName", data.get("name") or "-")
    company_id = data.get("tax_id") or data.get("trade_register_no")
    if data.get("kind") == "private_person":
        company_id = data.get("personal_id") or "0000000000000"
    if company_id:
        _text(legal, "CompanyID", company_id)
    if data.get("email") or data.get("phone"):
        contact = etree.SubElement(party, CAC + "Contact")
        if data.get("phone"):
            _text(contact, "Telephone", data["phone"])
        if data.get("email"):
            _text(contact, "ElectronicMail", data["email"])


def _category(parent: Any, tag: str, category: str, rate: Decimal,
              mention: str | None) -> None:
    cat = etree.SubElement(parent, CAC + tag)
    _text(cat, "ID", category)
    if category != "O":
        _text(cat, "Percent", f"{rate:.2f}")
    if mention and tag == "TaxCategory":
        if category in EXEMPTION_CODES:
            _text(cat, "TaxExemptionReasonCode", EXEMPTION_CODES[category])
        else:
            _text(cat, "TaxExemptionReason", mention)
    _text(etree.SubElement(cat, CAC + "TaxScheme"), "ID", "VAT")


def ubl_xml(doc: Any) -> bytes:
    """The issued invoice or credit note ``doc`` as UBL 2.1 XML bytes."""
    if doc.status not in ("issued",) or doc.doc_type == "proforma":
        raise Conflict(_("Only issued invoices and credit notes export as e-invoices."))
    credit = doc.doc_type == "credit_note"
    sign = Decimal(-1) if credit else Decimal(1)
    seller, buyer = doc.seller_data, doc.buyer_data
    romanian = (seller.get("country") or "").upper() == "RO"
    cur = doc.currency
    nsmap = dict(NS)
    if credit:
        nsmap[None] = CREDIT_NS
    root = etree.Element(f"{{{nsmap[None]}}}{'CreditNote' if credit else 'Invoice'}",
                         nsmap=nsmap)
    _text(root, "CustomizationID", CIUS_RO if romanian else EN16931)
    _text(root, "ID", doc.number)
    _text(root, "IssueDate", doc.issue_date.isoformat())
    if not credit and doc.due_date:
        _text(root, "DueDate", doc.due_date.isoformat())
    _text(root, "CreditNoteTypeCode" if credit else "InvoiceTypeCode", "381" if credit else "380")
    if doc.notes:
        _text(root, "Note", doc.notes[:300])
    _text(root, "DocumentCurrencyCode", cur)
    domestic = doc.domestic_currency
    tax_currency = domestic if doc.exchange_rate and domestic and domestic != cur else None
    if tax_currency:
        _text(root, "TaxCurrencyCode", tax_currency)
    if credit and doc.reference:
        ref = etree.SubElement(root, CAC + "BillingReference")
        _text(etree.SubElement(ref, CAC + "InvoiceDocumentReference"), "ID", doc.reference)
    _party(root, "AccountingSupplierParty", seller, seller=True)
    _party(root, "AccountingCustomerParty", buyer, seller=False)
    if seller.get("iban"):
        means = etree.SubElement(root, CAC + "PaymentMeans")
        _text(means, "PaymentMeansCode", "30")
        account = etree.SubElement(means, CAC + "PayeeFinancialAccount")
        _text(account, "ID", seller["iban"].replace(" ", ""))
    if credit and doc.due_date:
        _text(etree.SubElement(root, CAC + "PaymentTerms"), "Note",
              f"Due {doc.due_date.isoformat()}")
    totals = breakdown(doc.lines, doc.language)
    tax_total = etree.SubElement(root, CAC + "TaxTotal")
    _amount(tax_total, "TaxAmount", sign * totals.vat, cur)
    for group in totals.groups:
        sub = etree.SubElement(tax_total, CAC + "TaxSubtotal")
        _amount(sub, "TaxableAmount", sign * group.net, cur)
        _amount(sub, "TaxAmount", sign * group.vat, cur)
        _category(sub, "TaxCategory", group.category, group.rate, group.mention)
    if tax_currency:
        second = etree.SubElement(root, CAC + "TaxTotal")
        _amount(second, "TaxAmount", sign * totals.vat * doc.exchange_rate, tax_currency)
    monetary = etree.SubElement(root, CAC + "LegalMonetaryTotal")
    _amount(monetary, "LineExtensionAmount", sign * totals.net, cur)
    _amount(monetary, "TaxExclusiveAmount", sign * totals.net, cur)
    _amount(monetary, "TaxInclusiveAmount", sign * totals.gross, cur)
    paid = sign * doc.paid_amount
    if paid:
        _amount(monetary, "PrepaidAmount", paid, cur)
    _amount(monetary, "PayableAmount", sign * totals.gross - paid, cur)
    for number, line in enumerate(doc.lines, start=1):
        _line(root, number, line, sign, cur, credit, doc.language)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _line(root: Any, number: int, line: Any, sign: Decimal, cur: str, credit: bool,
          language: str) -> None:
    el = etree.SubElement(root, CAC + ("CreditNoteLine" if credit else "InvoiceLine"))
    _text(el, "ID", number)
    unit = UNITS.get((line.unit or "").lower(), "C62")
    quantity = sign * line.quantity
    _text(el, "CreditedQuantity" if credit else "InvoicedQuantity",
          f"{quantity.normalize():f}", unitCode=unit)
    _amount(el, "LineExtensionAmount", sign * line.net, cur)
    gross = line.quantity * line.unit_price
    allowance = money(gross) - line.net
    if line.discount and allowance:
        charge = etree.SubElement(el, CAC + "AllowanceCharge")
        _text(charge, "ChargeIndicator", "false")
        _text(charge, "AllowanceChargeReasonCode", "95")
        _amount(charge, "Amount", sign * allowance, cur)
    item = etree.SubElement(el, CAC + "Item")
    _text(item, "Name", line.description[:200])
    rate = Decimal(0) if line.vat_category != "S" else Decimal(line.vat_rate)
    _category(item, "ClassifiedTaxCategory", line.vat_category, rate, None)
    price = etree.SubElement(el, CAC + "Price")
    _amount(price, "PriceAmount", line.unit_price, cur)
    price[0].text = f"{line.unit_price.normalize():f}" if line.unit_price else "0"
