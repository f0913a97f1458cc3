"""What every shipping service shares: loading within record rules, what is left of an
order to ship, the timeline and telling the owner."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from core.db import session
from core.i18n import force_locale
from core.identity.models import User
from core.mail import send_mail
from core.services import load_record
from core.web.notifications import notify
from plugins.activities.models import Note
from plugins.shipping.exceptions import StaleShipment
from plugins.shipping.links import external_url, site_path
from plugins.shipping.models import Shipment, ShipmentLine
from plugins.shipping.workflow import COUNTED

KIND = "shipping.shipment"
CARRIER = "shipping.carrier"
ORDER = "orders.order"


def load_shipment(principal: Any, shipment_id: int, action: str = "read") -> Shipment:
    """The shipment if ``principal`` may ``action`` it (404 outside the read scope)."""
    return load_record(principal, KIND, shipment_id, action)


def check_version(shipment: Shipment, expected_version: int | None) -> None:
    if expected_version is not None and shipment.version != expected_version:
        raise StaleShipment()


def flush() -> None:
    """Flush, answering a concurrent change (the version moved) with a 409."""
    try:
        session().flush()
    except StaleDataError:
        raise StaleShipment() from None


def shipped_quantities(order_id: int, *, statuses: tuple[str, ...] = COUNTED,
                       excluding: int | None = None) -> dict[int, Decimal]:
    """``{order line id: quantity}`` in the order's shipments of ``statuses``."""
    stmt = (select(ShipmentLine.order_line_id, func.sum(ShipmentLine.quantity))
            .join(Shipment, Shipment.id == ShipmentLine.shipment_id)
            .where(Shipment.order_id == order_id, Shipment.status.in_(statuses),
                   ShipmentLine.order_line_id.is_not(None))
            .group_by(ShipmentLine.order_line_id))
    if excluding is not None:
        stmt = stmt.where(Shipment.id != excluding)
    return {line_id: Decimal(str(qty)) for line_id, qty in session().execute(stmt)}


def timeline_note(kind: str, record_id: int, body: str, *, author_id: int | None) -> Note:
    """A note on the record's timeline (the ``activities`` panel shows it)."""
    note = Note(record_kind=kind, record_id=record_id, kind="note", body=body,
                created_by_id=author_id, updated_by_id=author_id)
    session().add(note)
    session().flush()
    return note


def tell_owner(shipment: Shipment, actor_id: int | None, message: Callable[[], str], *,
               comment: str | None = None) -> None:
    """Tell the shipment's owner (unless they acted): in the app and by e-mail, in the
    owner's language; both join the caller's unit of work."""
    if shipment.owner_id is None or shipment.owner_id == actor_id:
        return
    owner = session().get(User, shipment.owner_id)
    if owner is None or not owner.active:
        return
    with force_locale(owner.language):
        text = message()
    notify(owner.id, text, link=site_path("shipping.shipment_detail", id=shipment.id))
    if owner.email:
        send_mail(owner.email, template="shipping/status-changed", language=owner.language,
                  context={"owner": owner.name, "summary": text, "title": shipment.title,
                           "comment": comment or "",
                           "url": external_url("shipping.shipment_detail", id=shipment.id)},
                  record=(KIND, shipment.id))
