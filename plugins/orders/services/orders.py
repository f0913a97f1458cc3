"""Creating and changing orders and their lines.

The client, currency and lines change only while an order is a draft; delivery date,
reference, notes and owner change until it is delivered or cancelled. Every function
takes the acting principal and plain data, validates, checks ``orders.write`` and the
record rules (and the client's, through ``parties``), writes and announces.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from core.db import session, utcnow
from core.documents.lines import LinePositionSchema, copy_line, move_line
from core.documents.totals import line_net
from core.errors import Conflict, Forbidden, NotFound
from core.i18n import gettext as _
from core.permissions.rules import may_own
from core.services import announce, locked, service, validate
from plugins.catalog.models import Product
from plugins.orders.exceptions import InvalidOrderData
from plugins.orders.models import Order, OrderLine
from plugins.orders.schemas import MAX_LINES, LineSchema, OrderChangeSchema, OrderSchema
from plugins.orders.services.common import (
    check_version,
    flush_order,
    load_order,
    refresh_totals,
    require_draft,
)
from plugins.parties.contact_persons import is_contact_of
from plugins.parties.exceptions import ClientNotFound
from plugins.parties.services.common import load_client

CLOSED = ("delivered", "cancelled")


@service("orders.write")
def create_order(principal: Any, data: Any) -> Order:
    """A draft order for a client the principal may read, with its lines."""
    values = validate(OrderSchema(), data)
    lines = values.pop("lines")
    _check_client(principal, values["party_id"])
    _check_contact(values["party_id"], values.get("contact_id"))
    values["currency"] = values["currency"].upper()
    owner_id = values.pop("owner_id", None) or principal.user_id
    _check_owner(principal, owner_id)
    order = Order(status="draft", owner_id=owner_id, created_by_id=principal.user_id,
                  updated_by_id=principal.user_id, **values)
    for number, line in enumerate(lines):
        order.lines.append(_line(line, number, f"lines.{number}"))
    refresh_totals(order)
    session().add(order)
    session().flush()
    announce("orders.order-created", order.id, principal_id=principal.user_id,
             party_id=order.party_id, reference=order.reference)
    return order


@service("orders.write")
def update_order(principal: Any, order_id: int, data: Any, *,
                 expected_version: int | None = None) -> Order:
    """Change the fields given in ``data`` (``OrderChangeSchema``)."""
    order = load_order(principal, order_id, "write")
    check_version(order, expected_version)
    values = validate(OrderChangeSchema(), data, partial=True)
    if order.status in CLOSED:
        raise Conflict(_("A delivered or cancelled order cannot be changed."))
    if "currency" in values:
        values["currency"] = values["currency"].upper()
    locked = {k for k in ("party_id", "currency") if k in values
              and values[k] != getattr(order, k)}
    if locked:
        require_draft(order)
    if "party_id" in locked:
        _check_client(principal, values["party_id"])
    if {"party_id", "contact_id"} & set(values):
        _check_contact(values.get("party_id", order.party_id),
                       values.get("contact_id", order.contact_id))
    if "owner_id" in values and values["owner_id"] != order.owner_id:
        _check_owner(principal, values["owner_id"])
    changed = [k for k, v in values.items() if getattr(order, k) != v]
    for key in changed:
        setattr(order, key, values[key])
    if changed:
        order.updated_by_id = principal.user_id
        flush_order()
    return order


@service("orders.write")
def delete_order(principal: Any, order_id: int, *, expected_version: int | None = None) -> None:
    """Delete a draft; an order that went out is cancelled instead, so its trail stays."""
    order = load_order(principal, order_id, "write")
    check_version(order, expected_version)
    if order.status != "draft":
        raise Conflict(_("Only drafts can be deleted; cancel the order instead."))
    session().delete(order)
    flush_order()


@service("orders.write")
def add_line(principal: Any, order_id: int, data: Any) -> OrderLine:
    order = load_order(principal, order_id, "write")
    require_draft(order)
    if len(order.lines) >= MAX_LINES:
        raise InvalidOrderData({"_schema": [_("An order holds at most %(n)s lines.",
                                              n=MAX_LINES)]})
    values = validate(LineSchema(), data)
    position = max((line.position for line in order.lines), default=-1) + 1
    line = _line(values, position, "")
    order.lines.append(line)
    _touch(order, principal)
    return line


@service("orders.write")
def update_line(principal: Any, order_id: int, line_id: int, data: Any) -> OrderLine:
    order = load_order(principal, order_id, "write")
    require_draft(order)
    line = _own_line(order, line_id)
    values = validate(LineSchema(), data, partial=True)
    if values.get("product_id") and values["product_id"] != line.product_id:
        _fill_from_product(values, "")
    for key, value in values.items():
        setattr(line, key, value)
    line.net = line_net(line.quantity, line.unit_price, line.discount)
    _touch(order, principal)
    return line


@service("orders.write")
def remove_line(principal: Any, order_id: int, line_id: int) -> None:
    order = load_order(principal, order_id, "write")
    require_draft(order)
    order.lines.remove(_own_line(order, line_id))
    _touch(order, principal)


@service("orders.write")
def reorder_line(principal: Any, order_id: int, line_id: int, data: Any) -> OrderLine:
    """Move a line to ``data["position"]`` (1-based)."""
    values = validate(LinePositionSchema(), data)
    order = locked(load_order(principal, order_id, "write"))
    require_draft(order)
    line = _own_line(order, line_id)
    move_line(order.lines, line, values["position"])
    _renumber(order)
    _touch(order, principal)
    return line


@service("orders.write")
def duplicate_line(principal: Any, order_id: int, line_id: int) -> OrderLine:
    """Insert a copy of a line right below it."""
    order = locked(load_order(principal, order_id, "write"))
    require_draft(order)
    if len(order.lines) >= MAX_LINES:
        raise InvalidOrderData({"_schema": [_("An order holds at most %(n)s lines.",
                                              n=MAX_LINES)]})
    line = _own_line(order, line_id)
    copy = copy_line(line, skip=("order_id", "position"))
    order.lines.insert(order.lines.index(line) + 1, copy)
    _renumber(order)
    _touch(order, principal)
    return copy


def _renumber(order: Order) -> None:
    for position, line in enumerate(order.lines):
        line.position = position


def _line(values: dict[str, Any], position: int, prefix: str) -> OrderLine:
    if values.get("product_id"):
        _fill_from_product(values, prefix)
    discount = values.get("discount", Decimal(0))
    return OrderLine(
        position=position, product_id=values.get("product_id"),
        description=values["description"], quantity=values["quantity"],
        unit=values.get("unit"), unit_price=values["unit_price"], discount=discount,
        vat_rate=values["vat_rate"],
        net=line_net(values["quantity"], values["unit_price"], discount))


def _fill_from_product(values: dict[str, Any], prefix: str) -> None:
    """Take what the line does not say from the catalogue product."""
    product = session().get(Product, values["product_id"])
    if product is None:
        field = f"{prefix}.product_id" if prefix else "product_id"
        raise InvalidOrderData({field: [_("There is no such product.")]})
    values.setdefault("description", product.name)
    values.setdefault("unit", product.unit)
    values.setdefault("unit_price", product.price)
    values.setdefault("vat_rate", product.vat_rate)


def _own_line(order: Order, line_id: int) -> OrderLine:
    for line in order.lines:
        if line.id == line_id:
            return line

    raise NotFound(_("The order has no such line."))


def _touch(order: Order, principal: Any) -> None:
    """Recompute totals and bump the version, so a concurrent editor gets a 409."""
    refresh_totals(order)
    order.updated_by_id = principal.user_id
    order.updated_at = utcnow()
    flush_order()


def _check_contact(party_id: int, contact_id: int | None) -> None:
    if contact_id is not None and not is_contact_of(party_id, contact_id):
        raise InvalidOrderData({"contact_id": [_("Choose a contact person of the client.")]})


def _check_client(principal: Any, party_id: int) -> None:
    """The client must exist and be readable by the principal; otherwise a field error."""
    try:
        load_client(principal, party_id, "read")
    except (ClientNotFound, Forbidden):
        raise InvalidOrderData({"party_id": [_("There is no such client.")]}) from None


def _check_owner(principal: Any, owner_id: int | None) -> None:
    if owner_id is not None and owner_id != principal.user_id and \
            not may_own(principal, "orders.write", owner_id):
        raise Forbidden(_("You may not give this order to that owner."))
