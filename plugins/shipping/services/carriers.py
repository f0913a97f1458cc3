"""The carrier register: adding and changing carriers (``shipping.configure``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import session
from core.errors import Conflict, NotFound
from core.i18n import gettext as _
from core.services import service, validate
from plugins.shipping.exceptions import InvalidShipmentData
from plugins.shipping.models import Carrier, Shipment
from plugins.shipping.schemas import CarrierSchema


def _apply(carrier: Carrier, values: dict[str, Any]) -> None:
    """Store ``values`` trimmed on ``carrier``, once the name is known free: checked before
    any change, so the query cannot flush a clashing name into the unique index first."""
    services = values.pop("service_list", None)
    values = {name: value.strip() if isinstance(value, str) else value
              for name, value in values.items()}
    name = values.get("name", carrier.name)
    if not name:  # only blanks given: trimmed, the carrier would be nameless
        raise InvalidShipmentData({"name": [_("Please fill this in.")]})
    clash = session().scalar(select(Carrier.id).where(
        Carrier.name == name, Carrier.id != carrier.id if carrier.id else True))
    if clash is not None:
        raise InvalidShipmentData({"name": [_("There is already a carrier of this name.")]})
    if services is not None:
        carrier.services = "\n".join(s.strip() for s in services if s.strip())
    for field, value in values.items():
        setattr(carrier, field, value)


@service("shipping.configure")
def create_carrier(principal: Any, data: Any) -> Carrier:
    """A carrier with its services and tracking address."""
    values = validate(CarrierSchema(), data)
    carrier = Carrier()
    _apply(carrier, values)
    session().add(carrier)
    session().flush()
    return carrier


@service("shipping.configure")
def update_carrier(principal: Any, carrier_id: int, data: Any) -> Carrier:
    values = validate(CarrierSchema(), data, partial=True)
    carrier = session().get(Carrier, carrier_id)
    if carrier is None:
        raise NotFound(_("There is no such carrier."))
    _apply(carrier, values)
    session().flush()
    return carrier


@service("shipping.configure")
def delete_carrier(principal: Any, carrier_id: int) -> None:
    """Remove a carrier entered by mistake; one that shipments name stays (make it inactive),
    so their papers and tracking links keep it."""
    carrier = session().get(Carrier, carrier_id)
    if carrier is None:
        raise NotFound(_("There is no such carrier."))
    if session().scalar(select(Shipment.id).where(Shipment.carrier_id == carrier_id)
                        .limit(1)) is not None:
        raise Conflict(_("Shipments use this carrier; make it inactive instead."))
    session().delete(carrier)
    session().flush()


def active_carriers() -> list[Carrier]:
    return list(session().scalars(select(Carrier).where(Carrier.active.is_(True))
                                  .order_by(Carrier.name)))
