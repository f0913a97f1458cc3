"""Merge tags of the order document: plain values a sandboxed template may show."""

from __future__ import annotations

from typing import Any

from core.documents.totals import totals_of
from core.i18n import lazy_gettext as _l


def _client(order: Any) -> Any:
    return order.party


def _address(order: Any) -> str:
    """A company's registered office, a private person's address, on one line."""
    from plugins.parties.requisites import postal_address

    return postal_address(_client(order))


def _requisite_lines(order: Any) -> list[str]:
    from plugins.parties.requisites import requisite_lines

    return requisite_lines(_client(order))


def _contact(order: Any) -> str:
    from plugins.parties.requisites import contact_name

    return contact_name(order.contact_id)


def _lines(order: Any) -> list[dict[str, Any]]:
    return [{"number": n, "description": line.description, "quantity": line.quantity,
             "unit": line.unit or "", "unit_price": line.unit_price,
             "discount": line.discount, "vat_rate": line.vat_rate, "net": line.net}
            for n, line in enumerate(order.lines, start=1)]


def _vat_groups(order: Any) -> list[dict[str, Any]]:
    return [{"rate": g.rate, "net": g.net, "vat": g.vat, "gross": g.gross}
            for g in totals_of(order.lines).by_rate]


def _status(order: Any) -> str:
    from plugins.orders.workflow import current_workflow

    return current_workflow().label(order.status)


TAGS: list[tuple[str, Any, Any]] = [
    ("order.title", _l("Number, or “Order #id” before confirmation"), lambda o: o.title),
    ("order.number", _l("Order number"), lambda o: o.number or ""),
    ("order.status", _l("Status"), _status),
    ("order.date", _l("Date of the order"), lambda o: o.created_at.date()),
    ("order.confirmed_at", _l("Confirmation date"),
     lambda o: o.confirmed_at.date() if o.confirmed_at else None),
    ("order.delivery_date", _l("Delivery date"), lambda o: o.delivery_date),
    ("order.currency", _l("Currency"), lambda o: o.currency),
    ("order.reference", _l("Reference (e.g. the offer)"), lambda o: o.reference or ""),
    ("order.notes", _l("Notes"), lambda o: o.notes or ""),
    ("order.lines", _l("Lines: number, description, quantity, unit, unit_price, discount, "
                       "vat_rate, net"), _lines),
    ("order.vat_groups", _l("Totals per VAT rate: rate, net, vat, gross"), _vat_groups),
    ("order.total_net", _l("Total without VAT"), lambda o: o.total_net),
    ("order.total_vat", _l("VAT"), lambda o: o.total_vat),
    ("order.total_gross", _l("Total"), lambda o: o.total_gross),
    ("client.name", _l("Client name"), lambda o: _client(o).name),
    ("client.tax_id", _l("Client tax id"), lambda o: _client(o).tax_id or ""),
    ("client.vat_number", _l("Client VAT number"), lambda o: _client(o).vat_number or ""),
    ("client.email", _l("Client e-mail"), lambda o: _client(o).email or ""),
    ("client.kind", _l("Client kind: legal_entity, sole_trader or private_person"),
     lambda o: _client(o).kind),
    ("client.trade_register_no", _l("Client trade register number"),
     lambda o: _client(o).trade_register_no or ""),
    ("client.address", _l("Client address"), _address),
    ("client.requisite_lines", _l("Client requisites by its kind, one per line (a list)"),
     _requisite_lines),
    ("client.contact", _l("The client's contact person the order is addressed to"), _contact),
]


def merge_tags() -> list[dict[str, Any]]:
    return [{"tag": tag, "label": label, "value": value} for tag, label, value in TAGS]
