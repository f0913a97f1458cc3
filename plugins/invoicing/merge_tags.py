"""Merge tags of invoices, credit notes and proformas: plain values a sandboxed template
may show, the requisites taken from the snapshots frozen at issue."""

from __future__ import annotations

import json
from typing import Any

from core.i18n import lazy_gettext as _l
from plugins.invoicing.vat import CATEGORIES, breakdown
from plugins.invoicing.words import amount_in_words
from plugins.invoicing.workflow import DOC_TYPE_LABELS


def _party(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value if value is not None else "" for key, value in data.items()}


def _seller(doc: Any) -> dict[str, Any]:
    if doc.seller:
        return _party(doc.seller_data)
    from plugins.invoicing.services.common import seller_snapshot

    return _party(json.loads(seller_snapshot()))


def _buyer(doc: Any) -> dict[str, Any]:
    if doc.buyer:
        return _party(doc.buyer_data)
    from plugins.invoicing.services.common import buyer_snapshot

    return _party(json.loads(buyer_snapshot(doc.party_id)))


def _lines(doc: Any) -> list[dict[str, Any]]:
    return [{"number": n, "description": line.description, "quantity": line.quantity,
             "unit": line.unit or "", "unit_price": line.unit_price,
             "discount": line.discount, "vat_rate": line.vat_rate,
             "vat_category": line.vat_category, "net": line.net}
            for n, line in enumerate(doc.lines, start=1)]


def _vat_groups(doc: Any) -> list[dict[str, Any]]:
    return [{"category": g.category, "category_label": str(CATEGORIES[g.category]),
             "rate": g.rate, "net": g.net, "vat": g.vat, "gross": g.gross,
             "mention": g.mention or ""}
            for g in breakdown(doc.lines, doc.language).groups]


def _vat_domestic(doc: Any) -> Any:
    from core.documents.totals import money

    return money(doc.total_vat * doc.exchange_rate) if doc.exchange_rate else None


TAGS: list[tuple[str, Any, Any]] = [
    ("invoice.title", _l("Number, or “Draft #id” before issue"), lambda d: d.title),
    ("invoice.kind", _l("Invoice, credit note or proforma"),
     lambda d: str(DOC_TYPE_LABELS[d.doc_type])),
    ("invoice.doc_type", _l("invoice, credit_note or proforma"), lambda d: d.doc_type),
    ("invoice.number", _l("Number"), lambda d: d.number or ""),
    ("invoice.issue_date", _l("Issue date"), lambda d: d.issue_date),
    ("invoice.due_date", _l("Due date"), lambda d: d.due_date),
    ("invoice.currency", _l("Currency"), lambda d: d.currency),
    ("invoice.exchange_rate", _l("Exchange rate of the issue date"), lambda d: d.exchange_rate),
    ("invoice.domestic_currency", _l("Domestic currency"), lambda d: d.domestic_currency or ""),
    ("invoice.vat_domestic", _l("VAT in the domestic currency"), _vat_domestic),
    ("invoice.reference", _l("Reference"), lambda d: d.reference or ""),
    ("invoice.notes", _l("Notes"), lambda d: d.notes or ""),
    ("invoice.lines", _l("Lines: number, description, quantity, unit, unit_price, discount, "
                         "vat_rate, vat_category, net"), _lines),
    ("invoice.vat_groups", _l("Totals per VAT category and rate: category, category_label, "
                              "rate, net, vat, gross, mention"), _vat_groups),
    ("invoice.total_net", _l("Total without VAT"), lambda d: d.total_net),
    ("invoice.total_vat", _l("VAT"), lambda d: d.total_vat),
    ("invoice.total_gross", _l("Total"), lambda d: d.total_gross),
    ("invoice.amount_in_words", _l("Total in words, in the document's language"),
     lambda d: amount_in_words(d.total_gross, d.currency, d.language)),
    ("seller", _l("Seller requisites: name, vat_number, tax_id, trade_register_no, street, "
                  "city, region, postal_code, country, iban, bank_name"), _seller),
    ("buyer", _l("Buyer requisites: kind, name, vat_number, tax_id, trade_register_no, "
                 "personal_id, street, city, region, postal_code, country"), _buyer),
]


def merge_tags(kind: str) -> list[dict[str, Any]]:
    if kind not in ("invoicing.invoice", "invoicing.proforma"):
        return []
    return [{"tag": tag, "label": label, "value": value} for tag, label, value in TAGS]
