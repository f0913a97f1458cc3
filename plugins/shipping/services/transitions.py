"""The shipment workflow: one service per transition, each with its own permission.

Every move locks the shipment's row (``core.services.lock_record``) and only then checks
the status, so a double click or two people dispatching at once make one move and a 409.
Each move is written on the shipment's timeline, told to the owner and announced after
commit. Packing gives the number and freezes the packing list; dispatching freezes the
waybill and the CMR and e-mails the client the carrier and the tracking link; delivering
moves the order to delivered once every line of it has arrived.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from core.db import session, utcnow
from core.documents import request_pdf
from core.errors import KontoraError, NotFound
from core.i18n import force_locale
from core.i18n import gettext as _
from core.kernel import kontora
from core.mail import send_mail
from core.numbering import next_number
from core.services import announce, lock_record, service, validate
from plugins.orders.models import Order
from plugins.orders.services import deliver_order, start_order
from plugins.orders.workflow import current_workflow
from plugins.parties.models import Client
from plugins.shipping.exceptions import InvalidShipmentData, TransitionRefused
from plugins.shipping.models import Package, Shipment
from plugins.shipping.schemas import DeliverySchema, DispatchSchema, PackingSchema, ReturnSchema
from plugins.shipping.services.common import (
    KIND,
    ORDER,
    check_version,
    flush,
    load_shipment,
    shipped_quantities,
    tell_owner,
    timeline_note,
)
from plugins.shipping.workflow import TRANSITIONS, status_label

log = logging.getLogger(__name__)
SERIES = "shipping"
PAPERS = {"packing-list": "packing-list", "waybill": "default", "cmr": "cmr"}
"""Paper -> the document template it is rendered with (the frozen purpose is the paper)."""


def _locked(principal: Any, shipment_id: int, expected_version: int | None) -> Shipment:
    """The shipment, writable by ``principal``, locked and read afresh."""
    shipment = lock_record(Shipment, load_shipment(principal, shipment_id, "write").id)
    if shipment is None:
        raise NotFound(_("This record was deleted meanwhile."))
    check_version(shipment, expected_version)
    return shipment


def move(shipment: Shipment, name: str, *, principal: Any, comment: str | None = None) -> str:
    """Apply transition ``name`` to a locked shipment; returns the status it left."""
    transition = TRANSITIONS[name]
    if shipment.status not in transition.sources:
        raise TransitionRefused(str(transition.label), status_label(shipment.status))
    before, after = shipment.status, transition.target
    shipment.status = after
    shipment.updated_by_id = principal.user_id
    flush()
    if before == after:
        return before

    def sentence() -> str:
        return _("%(actor)s moved shipment %(shipment)s from “%(before)s” to “%(after)s”.",
                 actor=principal.name, shipment=shipment.title, before=status_label(before),
                 after=status_label(after))

    with force_locale(kontora().settings.language):
        body = sentence() + (f"\n\n{comment}" if comment else "")
    timeline_note(KIND, shipment.id, body, author_id=principal.user_id)
    tell_owner(shipment, principal.user_id, sentence, comment=comment)
    announce("shipping.shipment-status-changed", shipment.id, principal_id=principal.user_id,
             order_id=shipment.order_id, transition=name, before=before, after=after)
    return before


@service("shipping.pack")
def pack_shipment(principal: Any, shipment_id: int, data: Any, *,
                  expected_version: int | None = None) -> Shipment:
    """Pick the lines into packages with weights and dimensions at the warehouse the goods
    leave from (``origin``, printed as the place of taking over); the shipment gets its
    number and its packing list (packing again replaces the packages and the draft list)."""
    values = validate(PackingSchema(), data)
    shipment = _locked(principal, shipment_id, expected_version)
    move(shipment, "pack", principal=principal)
    origin = (values.pop("origin") or "").strip()
    if origin:
        shipment.origin = origin
    lines = {line.id: line for line in shipment.lines}
    for line in lines.values():
        line.package = None
    shipment.packages.clear()
    flush()
    for position, item in enumerate(values["packages"], start=1):
        for line_id in item.pop("lines"):
            if line_id not in lines:
                raise InvalidShipmentData({f"packages.{position - 1}.lines": [
                    _("Name lines of this shipment.")]})
            lines[line_id].package = position
        shipment.packages.append(Package(position=position, **item))
    for key, weight in values["net_weights"].items():
        line = lines.get(int(key)) if key.isdigit() else None
        if line is None:
            raise InvalidShipmentData({f"net_weights.{key}": [_("Name lines of this shipment.")]})
        line.net_weight = weight
    if shipment.number is None:
        shipment.number = next_number(SERIES, record_kind=KIND, record_id=shipment.id)
    flush()
    request_pdf(KIND, shipment.id, template=PAPERS["packing-list"])
    return shipment


@service("shipping.dispatch")
def dispatch_shipment(principal: Any, shipment_id: int, data: Any = None, *,
                      expected_version: int | None = None) -> Shipment:
    """The goods leave: the waybill and CMR are frozen as they are now, and the client
    is e-mailed the date, the carrier and the tracking number and link."""
    values = validate(DispatchSchema(), data or {})
    shipment = _locked(principal, shipment_id, expected_version)
    if values["tracking_number"]:
        shipment.tracking_number = values["tracking_number"].strip()
    move(shipment, "dispatch", principal=principal)
    shipment.dispatched_on = values["dispatched_on"] or date.today()
    flush()
    for paper, template in PAPERS.items():
        request_pdf(KIND, shipment.id, freeze=True, purpose=paper, template=template)
    if values["notify_client"]:
        _tell_client(shipment, values["to"])
    announce("shipping.shipment-dispatched", shipment.id, principal_id=principal.user_id,
             order_id=shipment.order_id, party_id=shipment.party_id, number=shipment.number,
             dispatched_on=shipment.dispatched_on,
             carrier=shipment.carrier.name if shipment.carrier else None,
             tracking_number=shipment.tracking_number, tracking_link=shipment.tracking_link)
    return shipment


def _tell_client(shipment: Shipment, to: str | None) -> None:
    client = session().get(Client, shipment.party_id)
    address = to or (client.email if client is not None else None)
    if not address:
        return
    order = session().get(Order, shipment.order_id)
    send_mail(address, template="shipping/dispatched", context={
        "client": client.name if client else "", "shipment": shipment.title,
        "order": order.title if order else "", "dispatched_on": shipment.dispatched_on,
        "planned_delivery": shipment.planned_delivery,
        "carrier": shipment.carrier.name if shipment.carrier else "",
        "service": shipment.carrier_service or "", "vehicle": shipment.vehicle or "",
        "driver": shipment.driver or "", "tracking_number": shipment.tracking_number or "",
        "tracking_link": shipment.tracking_link or "", "packages": shipment.package_count,
        "address": shipment.delivery_address}, record=(KIND, shipment.id))
    shipment.client_notified_at = utcnow()


@service("shipping.deliver")
def deliver_shipment(principal: Any, shipment_id: int, data: Any = None, *,
                     expected_version: int | None = None) -> Shipment:
    """The client received the goods; when the whole order has arrived, the order moves
    to delivered through the orders plugin's own service."""
    values = validate(DeliverySchema(), data or {})
    shipment = _locked(principal, shipment_id, expected_version)
    move(shipment, "deliver", principal=principal, comment=values["comment"])
    shipment.delivered_on = values["delivered_on"] or date.today()
    flush()
    complete = order_complete(shipment.order_id)
    if complete:
        _order_follows(principal, shipment)
    announce("shipping.shipment-delivered", shipment.id, principal_id=principal.user_id,
             order_id=shipment.order_id, party_id=shipment.party_id,
             delivered_on=shipment.delivered_on, order_complete=complete)
    return shipment


def order_complete(order_id: int) -> bool:
    """Whether delivered shipments carry every line of the order in full."""
    order = session().get(Order, order_id)
    delivered = shipped_quantities(order_id, statuses=("delivered",))
    return bool(order.lines) and all(
        delivered.get(line.id, Decimal(0)) >= line.quantity for line in order.lines)


def _order_follows(principal: Any, shipment: Shipment) -> None:
    """Move the order to delivered (starting it first when only confirmed), as the
    principal; when they may not, or the order's workflow refuses, say so on the timeline.

    ``orders`` has no receiver for shipping's signals (it cannot know this plugin), so the
    plugin that depends on it calls its public services."""
    order = session().get(Order, shipment.order_id)
    workflow = current_workflow()
    try:
        with session().begin_nested():
            if order.status in workflow.transitions["start"].sources and \
                    order.status not in workflow.transitions["deliver"].sources:
                start_order(principal, order.id)
            if order.status in workflow.transitions["deliver"].sources:
                deliver_order(principal, order.id)
    except KontoraError as exc:
        log.info("order %s stays %s after shipment %s: %s", order.id, order.status,
                 shipment.id, exc.message)
        session().refresh(order)
        with force_locale(kontora().settings.language):
            body = _("Every line of order %(order)s was delivered, but the order stays "
                     "“%(status)s”: %(reason)s", order=order.title,
                     status=workflow.label(order.status), reason=exc.message)
        timeline_note(KIND, shipment.id, body, author_id=principal.user_id)


@service("shipping.deliver")
def return_shipment(principal: Any, shipment_id: int, data: Any = None, *,
                    expected_version: int | None = None) -> Shipment:
    """The goods came back (refused, undeliverable, sent back); the reason goes on the
    timeline and their quantities are free to ship again."""
    values = validate(ReturnSchema(), data or {})
    shipment = _locked(principal, shipment_id, expected_version)
    move(shipment, "return", principal=principal, comment=values["comment"])
    shipment.returned_on = values["returned_on"] or date.today()
    flush()
    return shipment


@service("shipping.write")
def cancel_shipment(principal: Any, shipment_id: int, data: Any = None, *,
                    expected_version: int | None = None) -> Shipment:
    """Call off a shipment that has not left; its quantities are free to ship again."""
    comment = (data or {}).get("comment") if isinstance(data, dict) else None
    shipment = _locked(principal, shipment_id, expected_version)
    move(shipment, "cancel", principal=principal,
         comment=comment.strip()[:2000] if isinstance(comment, str) and comment.strip()
         else None)
    return shipment


TRANSITION_SERVICES: dict[str, Callable[..., Shipment]] = {
    "pack": pack_shipment, "dispatch": dispatch_shipment, "deliver": deliver_shipment,
    "return": return_shipment, "cancel": cancel_shipment,
}


def run_transition(principal: Any, shipment_id: int, name: str, data: dict[str, Any], *,
                   expected_version: int | None = None) -> Shipment:
    """The service of transition ``name`` (the views' and the API's single entry)."""
    fn = TRANSITION_SERVICES.get(name)
    if fn is None:
        raise NotFound(_("Shipments have no action “%(name)s”.", name=name))
    return fn(principal, shipment_id, data, expected_version=expected_version)


__all__ = ["ORDER", "PAPERS", "TRANSITION_SERVICES", "run_transition"]
