"""The carrier register: adding and changing carriers (``shipping.configure``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import session
from core.errors import NotFound
from core.i18n import gettext as _
from core.services import service, validate
from plugins.shipping.exceptions import InvalidShipmentData
from plugins.shipping.models import Carrier
from plugins.shipping.schemas import CarrierSchema


def _apply(carrier: Carrier, values: dict[str, Any]) -> None:
    services = values.pop("service_list", None)
    if services is not None:
        carrier.services = "\n".join(s.strip() for s in services if s.strip())
    for name, value in values.items():
        setattr(carrier, name, value.strip() if isinstance(value, str) else value)
    clash = session().scalar(select(Carrier.id).where(
        Carrier.name == carrier.name, Carrier.id != carrier.id if carrier.id else True))
    if clash is not None:
        raise InvalidShipmentData({"name": [_("There is already a carrier of this name.")]})


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


def active_carriers() -> list[Carrier]:
    return list(session().scalars(select(Carrier).where(Carrier.active.is_(True))
                                  .order_by(Carrier.name)))
