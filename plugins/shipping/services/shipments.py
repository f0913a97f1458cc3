"""Planning shipments of an order and changing them until the goods leave.

A shipment carries the whole order or part of its lines: each line names an order line
and a quantity no larger than what is left of it (ordered less what other live shipments
carry). The order is locked while that is counted, so two shipments planned at once cannot
both take the last pieces. The delivery address is one of the client's delivery addresses
(its default one, else the registered address, when none is chosen).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from core.db import session
from core.documents.company import company_profile
from core.i18n import gettext as _
from core.permissions.rules import may_own
from core.services import announce, load_record, lock_record, service, validate
from plugins.orders.models import Order
from plugins.parties.models import Address
from plugins.shipping.exceptions import InvalidShipmentData, ShipmentLocked
from plugins.shipping.models import Carrier, Shipment, ShipmentLine
from plugins.shipping.schemas import ShipmentChangeSchema, ShipmentSchema
from plugins.shipping.services.common import (
    ORDER,
    check_version,
    flush,
    load_shipment,
    shipped_quantities,
)
from plugins.shipping.workflow import EDITABLE, status_label

NOT_SHIPPABLE = ("draft", "sent", "cancelled")
"""Order statuses that ship nothing: not yet confirmed, or cancelled."""


def address_text(address: Address) -> str:
    """One address as the papers print it: street, postal code and city, region, country."""
    parts = [address.street, " ".join(p for p in (address.postal_code, address.city) if p),
             address.region, address.country]
    return "\n".join(p for p in parts if p)


def origin_text() -> str:
    """Where goods leave by default: the company's name and details from its profile."""
    profile = company_profile()
    return "\n".join(p for p in (profile.name, profile.details) if p)


def delivery_addresses(client: Any) -> list[Address]:
    """The client's delivery (and warehouse) addresses, the default first."""
    return sorted((a for a in client.addresses if a.use == "delivery"),
                  key=lambda a: (not a.is_default, a.id))


@service("shipping.write")
def create_shipment(principal: Any, data: Any) -> Shipment:
    """A planned shipment of an order the principal may read: all that is left of its
    lines, or the lines and quantities given."""
    values = validate(ShipmentSchema(), data)
    load_record(principal, ORDER, values["order_id"], "read")
    order = lock_record(Order, values["order_id"])  # one count of what is left at a time
    if order.status in NOT_SHIPPABLE:
        raise InvalidShipmentData({"order_id": [
            _("Only confirmed orders ship; this one is “%(status)s”.", status=order.status)]})
    owner_id = values.pop("owner_id", None) or principal.user_id
    if not may_own(principal, "shipping.write", owner_id):
        raise InvalidShipmentData({"owner_id": [_("You may not give shipments to this user.")]})
    lines = values.pop("lines", None)
    shipment = Shipment(order_id=order.id, party_id=order.party_id, status="planned",
                        owner_id=owner_id, created_by_id=principal.user_id,
                        updated_by_id=principal.user_id)
    _apply(shipment, values, order)
    shipment.lines = _lines(order, lines)
    session().add(shipment)
    flush()
    announce("shipping.shipment-created", shipment.id, principal_id=principal.user_id,
             order_id=order.id, party_id=order.party_id)
    return shipment


@service("shipping.write")
def update_shipment(principal: Any, shipment_id: int, data: Any, *,
                    expected_version: int | None = None) -> Shipment:
    """Change carrier, vehicle, dates, addresses or notes until the goods leave."""
    values = validate(ShipmentChangeSchema(), data, partial=True)
    shipment = lock_record(Shipment, load_shipment(principal, shipment_id, "write").id)
    check_version(shipment, expected_version)
    if shipment.status not in EDITABLE:
        raise ShipmentLocked(status_label(shipment.status))
    if "owner_id" in values:
        owner_id = values.pop("owner_id") or principal.user_id
        if not may_own(principal, "shipping.write", owner_id):
            raise InvalidShipmentData({"owner_id": [
                _("You may not give shipments to this user.")]})
        shipment.owner_id = owner_id
    _apply(shipment, values, session().get(Order, shipment.order_id))
    shipment.updated_by_id = principal.user_id
    flush()
    return shipment


def _apply(shipment: Shipment, values: dict[str, Any], order: Order) -> None:
    """Copy the validated fields, checking carrier and address against their registers."""
    address_given = "delivery_address_id" in values
    for name, value in values.items():
        setattr(shipment, name, value.strip() if isinstance(value, str) else value)
    if shipment.method == "carrier":
        if shipment.carrier_id is None:
            raise InvalidShipmentData({"carrier_id": [_("Choose the carrier.")]})
        carrier = session().get(Carrier, shipment.carrier_id)
        if carrier is None or not carrier.active:
            raise InvalidShipmentData({"carrier_id": [_("There is no such active carrier.")]})
        if shipment.carrier_service and carrier.service_list and \
                shipment.carrier_service not in carrier.service_list:
            raise InvalidShipmentData({"carrier_service": [
                _("The carrier offers: %(services)s.",
                  services=", ".join(carrier.service_list))]})
    else:
        shipment.carrier_id = shipment.carrier_service = shipment.tracking_number = None
    if not shipment.origin:
        shipment.origin = origin_text()
    if address_given or not shipment.delivery_address:
        _choose_address(shipment, order)


def _choose_address(shipment: Shipment, order: Order) -> None:
    client = order.party
    if shipment.delivery_address_id is not None:
        address = session().get(Address, shipment.delivery_address_id)
        if address is None or address.client_id != client.id or address.use != "delivery":
            raise InvalidShipmentData({"delivery_address_id": [
                _("Choose one of the client's delivery addresses.")]})
    else:
        choices = delivery_addresses(client)
        address = choices[0] if choices else client.default_address("registered")
        shipment.delivery_address_id = address.id if address is not None and \
            address.use == "delivery" else None
    shipment.delivery_address = address_text(address) if address is not None else ""
    shipment.delivery_country = address.country if address is not None else client.country


def _lines(order: Order, wanted: list[dict[str, Any]] | None) -> list[ShipmentLine]:
    """The shipment's lines, each within what is left of its order line."""
    shipped = shipped_quantities(order.id)
    by_id = {line.id: line for line in order.lines}
    if wanted is None:
        wanted = [{"order_line_id": line.id} for line in order.lines
                  if line.quantity > shipped.get(line.id, Decimal(0))]
    if not wanted:
        raise InvalidShipmentData({"lines": [_("Everything of this order is shipped.")]})
    lines, seen = [], set()
    for n, item in enumerate(wanted):
        line = by_id.get(item["order_line_id"])
        if line is None or line.id in seen:
            raise InvalidShipmentData({f"lines.{n}.order_line_id": [
                _("Name each line of this order once.")]})
        seen.add(line.id)
        left = line.quantity - shipped.get(line.id, Decimal(0))
        quantity = item.get("quantity") or left
        if quantity <= 0 or quantity > left:
            most = format(max(left, Decimal(0)), "f")
            raise InvalidShipmentData({f"lines.{n}.quantity": [
                _("At most %(left)s is left to ship.", left=most)]})
        lines.append(ShipmentLine(order_line_id=line.id, product_id=line.product_id,
                                  position=n, description=line.description,
                                  quantity=quantity, unit=line.unit,
                                  net_weight=item.get("net_weight")))
    return lines
