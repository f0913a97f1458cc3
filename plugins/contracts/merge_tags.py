"""Merge tags of the contract and protocol documents: plain values a sandboxed template
may show, every requisite of the client by kind included.

``client.*`` carries every column of the client, so one template serves a legal entity
(tax id, trade register number), a sole trader and a private person (personal id); the
default templates show the block that fits ``client.kind``. Addresses and bank accounts
come as the default of each use and as full lists. ``company.name`` and
``company.details`` come from the kernel's company profile.
"""

from __future__ import annotations

from typing import Any

from core.documents.totals import totals_of
from core.i18n import lazy_gettext as _l
from plugins.contracts.workflow import PROTOCOL_LABELS, status_label

CLIENT_FIELDS = ("name", "kind", "country", "tax_id", "vat_number", "trade_register_no",
                 "personal_id", "email", "phone", "website")


def _address(address: Any) -> dict[str, Any]:
    if address is None:
        return {"street": "", "city": "", "region": "", "postal_code": "", "country": "",
                "text": ""}
    parts = [address.street, " ".join(p for p in (address.postal_code, address.city) if p),
             address.region, address.country]
    return {"street": address.street, "city": address.city, "region": address.region or "",
            "postal_code": address.postal_code or "", "country": address.country,
            "text": ", ".join(p for p in parts if p)}


def _bank(account: Any) -> dict[str, Any]:
    if account is None:
        return {"iban": "", "bank_name": "", "bic": "", "currency": ""}
    return {"iban": account.iban, "bank_name": account.bank_name or "",
            "bic": account.bic or "", "currency": account.currency}


def client_values(client: Any) -> dict[str, Any]:
    """Every requisite of ``client`` as plain values (the ``client`` tag)."""
    values: dict[str, Any] = {f: getattr(client, f) or "" for f in CLIENT_FIELDS}
    values["is_legal_entity"] = client.kind == "legal_entity"
    values["is_sole_trader"] = client.kind == "sole_trader"
    values["is_private_person"] = client.kind == "private_person"
    for use in ("registered", "delivery", "correspondence"):
        values[f"{use}_address"] = _address(client.default_address(use))
    values["addresses"] = [dict(_address(a), use=a.use) for a in client.addresses]
    default = next((b for b in client.bank_accounts if b.is_default), None) or \
        (client.bank_accounts[0] if client.bank_accounts else None)
    values["bank"] = _bank(default)
    values["bank_accounts"] = [_bank(b) for b in client.bank_accounts]
    return values


def _lines(contract: Any) -> list[dict[str, Any]]:
    return [{"number": n, "description": line.description, "quantity": line.quantity,
             "unit": line.unit or "", "unit_price": line.unit_price,
             "discount": line.discount, "vat_rate": line.vat_rate, "net": line.net}
            for n, line in enumerate(contract.lines, start=1)]


def _totals(contract: Any) -> dict[str, Any]:
    totals = totals_of(contract.lines)
    return {"net": totals.net, "vat": totals.vat, "gross": totals.gross}


CONTRACT_TAGS: list[tuple[str, Any, Any]] = [
    ("contract.label", _l("Number, or “Contract #id” before issue"), lambda c: c.label),
    ("contract.number", _l("Contract number"), lambda c: c.number or ""),
    ("contract.title", _l("Title"), lambda c: c.title),
    ("contract.status", _l("Status"), lambda c: status_label(c.status)),
    ("contract.date", _l("Date of the contract"),
     lambda c: (c.sent_at or c.created_at).date()),
    ("contract.start_date", _l("Start date"), lambda c: c.start_date),
    ("contract.end_date", _l("End (expiry) date"), lambda c: c.end_date),
    ("contract.value", _l("Value"), lambda c: c.value),
    ("contract.currency", _l("Currency"), lambda c: c.currency),
    ("contract.reference", _l("Reference (the offer or order)"), lambda c: c.reference or ""),
    ("contract.terms", _l("Terms and conditions"), lambda c: c.terms or ""),
    ("contract.lines", _l("Lines: number, description, quantity, unit, unit_price, "
                          "discount, vat_rate, net"), _lines),
    ("contract.totals", _l("Totals of the lines: net, vat, gross"), _totals),
    ("client", _l("The client: name, kind, country, tax_id, vat_number, "
                  "trade_register_no, personal_id, email, phone, website, is_legal_entity, "
                  "is_sole_trader, is_private_person, registered_address (street, city, "
                  "region, postal_code, country, text), delivery_address, "
                  "correspondence_address, addresses, bank (iban, bank_name, bic, "
                  "currency), bank_accounts"), lambda c: client_values(c.party)),
]


def _items(protocol: Any) -> list[dict[str, Any]]:
    return [{"number": n, "description": i.description, "quantity": i.quantity,
             "unit": i.unit or "", "remark": i.remark or ""}
            for n, i in enumerate(protocol.items, start=1)]


PROTOCOL_TAGS: list[tuple[str, Any, Any]] = [
    ("protocol.label", _l("Number, or “Acceptance protocol #id”"), lambda p: p.label),
    ("protocol.number", _l("Protocol number"), lambda p: p.number or ""),
    ("protocol.status", _l("Status"), lambda p: str(PROTOCOL_LABELS.get(p.status, p.status))),
    ("protocol.source_reference", _l("The contract or order delivered"),
     lambda p: p.source_reference),
    ("protocol.delivered_from", _l("Delivery started"), lambda p: p.delivered_from),
    ("protocol.delivered_on", _l("Delivered on"), lambda p: p.delivered_on),
    ("protocol.remarks", _l("Remarks"), lambda p: p.remarks or ""),
    ("protocol.delivered_items", _l("Delivered items: number, description, quantity, "
                                    "unit, remark"), _items),
    ("client", _l("The client (as for contracts)"), lambda p: client_values(p.party)),
]


def merge_tags(kind: str) -> list[dict[str, Any]]:
    tags = {"contracts.contract": CONTRACT_TAGS, "contracts.protocol": PROTOCOL_TAGS}.get(kind)
    return [{"tag": t, "label": label, "value": value} for t, label, value in tags or []]
