"""The order workflow: one service per transition, each with its own permission.

Every move is checked against :func:`plugins.orders.workflow.current_workflow` (a 409 with
the action and the present status otherwise), written as a note on the order's timeline,
told to the owner (in the app and by e-mail) and announced after commit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from core.db import session, utcnow
from core.documents import request_pdf
from core.i18n import force_locale
from core.i18n import gettext as _
from core.kernel import kontora
from core.links import make_link, revoke_links
from core.mail import send_mail
from core.numbering import next_number
from core.services import announce, locked, service, validate
from plugins.activities.services import record_event
from plugins.orders.exceptions import InvalidOrderData, TransitionRefused, UnknownTransition
from plugins.orders.models import Order
from plugins.orders.schemas import SendSchema
from plugins.orders.services.common import (
    KIND,
    check_version,
    flush_order,
    load_order,
    mail_order,
    status_sentence,
    tell_owner,
    timeline_note,
)
from plugins.orders.workflow import ADVANCE, current_workflow
from plugins.parties.contact_persons import contact_email
from plugins.parties.services import become_customer

CONFIRM_PURPOSE = "orders.confirm"
LINK_VALID_FOR = timedelta(days=30)
SERIES = "orders"


def move(order: Order, name: str, *, principal: Any = None, actor: str,
         comment: str | None = None) -> str:
    """Apply transition ``name`` to ``order``; returns the status it left.

    ``principal`` is ``None`` when the client acts through a link. The caller has checked
    the permission; this checks the workflow and does what every move does.
    """
    workflow = current_workflow()
    transition = workflow.transitions.get(name)
    if transition is None:
        raise UnknownTransition(name)
    locked(order)  # a second click waits here, then sees the status the first one left
    if order.status not in transition.sources:
        raise TransitionRefused(str(transition.label), workflow.label(order.status))
    before, after = order.status, transition.target
    actor_id = principal.user_id if principal is not None else None
    order.status = after
    order.updated_by_id = actor_id
    flush_order()
    with force_locale(kontora().settings.language):
        body = status_sentence(order, before, after, actor)
        if comment:
            body += "\n\n" + comment
    timeline_note(order, body, author_id=actor_id)
    tell_owner(order, actor_id, lambda: status_sentence(order, before, after, actor),
               template="orders/status-changed",
               context={"before": lambda: workflow.label(before),
                        "after": lambda: workflow.label(after), "comment": comment or ""})
    announce("orders.order-status-changed", order.id, principal_id=actor_id, transition=name,
             before=before, after=after)
    return before


def _staff_move(principal: Any, order_id: int, name: str, expected_version: int | None,
                comment: str | None = None) -> Order:
    order = load_order(principal, order_id, "write")
    check_version(order, expected_version)
    move(order, name, principal=principal, actor=principal.name, comment=comment)
    return order


@service("orders.send")
def send_order(principal: Any, order_id: int, data: Any = None, *,
               expected_version: int | None = None) -> Order:
    """E-mail the order to the client with a link to confirm it or ask a question."""
    from plugins.parties.models import Client

    values = validate(SendSchema(), data or {})
    order = load_order(principal, order_id, "write")
    check_version(order, expected_version)
    if not order.lines:
        raise InvalidOrderData({"lines": [_("Add at least one line before sending.")]})
    client = session().get(Client, order.party_id)
    to = values["to"] or contact_email(order.contact_id) or \
        (client.email if client is not None else None)
    if not to:
        raise InvalidOrderData({"to": [_("The client has no e-mail address; give one.")]})
    move(order, "send", principal=principal, actor=principal.name)
    order.sent_at = utcnow()
    revoke_links(KIND, order.id, CONFIRM_PURPOSE)
    link = make_link(CONFIRM_PURPOSE, KIND, order.id, expires_in=LINK_VALID_FOR,
                     single_use=True)
    send_mail(to, template="orders/confirm-request",
              context={"order": mail_order(order), "client": client.name if client else "",
                       "link": link, "message": values["message"] or "",
                       "sender": principal.name},
              record=(KIND, order.id), secret=True)
    return order


@service("orders.revise")
def revise_order(principal: Any, order_id: int, *, expected_version: int | None = None) -> Order:
    """Take a sent order back to draft; the client's link stops working."""

    order = _staff_move(principal, order_id, "revise", expected_version)
    revoke_links(KIND, order.id, CONFIRM_PURPOSE)
    return order


@service("orders.confirm")
def confirm_order(principal: Any, order_id: int, *, expected_version: int | None = None,
                  comment: str | None = None) -> Order:
    """Confirm on the client's behalf (by phone, on paper); the order gets its number."""
    order = _staff_move(principal, order_id, "confirm", expected_version, comment)
    confirmed(order, principal_id=principal.user_id, by="staff")
    return order


def confirmed(order: Order, *, principal_id: int | None, by: str) -> None:
    """What confirming does beyond the move: the number, the date, the PDF frozen as
    confirmed (rendered by a job after commit), the announcement."""

    if order.number is None:
        order.number = next_number(SERIES, record_kind=KIND, record_id=order.id)
    order.confirmed_at = utcnow()
    session().flush()
    revoke_links(KIND, order.id, CONFIRM_PURPOSE)
    if become_customer(order.party_id, principal_id=principal_id):
        with force_locale(kontora().settings.language):
            body = _("Became a customer: order %(number)s was confirmed.", number=order.number)
        record_event("parties.client", order.party_id, body, author_id=principal_id)
    request_pdf(KIND, order.id, freeze=True, purpose="confirmed")
    announce("orders.order-confirmed", order.id, principal_id=principal_id,
             party_id=order.party_id, number=order.number, by=by)


@service("orders.start")
def start_order(principal: Any, order_id: int, *, expected_version: int | None = None) -> Order:
    return _staff_move(principal, order_id, "start", expected_version)


@service("orders.deliver")
def deliver_order(principal: Any, order_id: int, *,
                  expected_version: int | None = None) -> Order:
    return _staff_move(principal, order_id, "deliver", expected_version)


@service("orders.cancel")
def cancel_order(principal: Any, order_id: int, *, expected_version: int | None = None,
                 comment: str | None = None) -> Order:
    """Cancel an open order (with the reason, when given, on the timeline)."""

    order = _staff_move(principal, order_id, "cancel", expected_version, comment)
    revoke_links(KIND, order.id, CONFIRM_PURPOSE)
    return order


@service(ADVANCE)
def advance_order(principal: Any, order_id: int, status: str, *,
                  expected_version: int | None = None) -> Order:
    """Move the order into the admin-added status ``status``."""
    return _staff_move(principal, order_id, f"to_{status}", expected_version)


TRANSITION_SERVICES: dict[str, Callable[..., Order]] = {
    "send": send_order, "revise": revise_order, "confirm": confirm_order,
    "start": start_order, "deliver": deliver_order, "cancel": cancel_order,
}


def run_transition(principal: Any, order_id: int, name: str, data: dict[str, Any], *,
                   expected_version: int | None = None) -> Order:
    """The service of transition ``name`` (the views' and the API's single entry)."""
    if name.startswith("to_"):
        return advance_order(principal, order_id, name[3:], expected_version=expected_version)
    fn = TRANSITION_SERVICES.get(name)
    if fn is None:
        raise UnknownTransition(name)
    if name == "send":
        return fn(principal, order_id, data, expected_version=expected_version)
    if name in ("confirm", "cancel"):
        comment = data.get("comment") if isinstance(data.get("comment"), str) else None
        return fn(principal, order_id, expected_version=expected_version,
                  comment=(comment or "").strip()[:2000] or None)
    return fn(principal, order_id, expected_version=expected_version)


def may_run(principal: Any, name: str) -> bool:
    """Whether ``principal`` holds the permission of transition ``name``."""
    transition = current_workflow().transitions.get(name)
    return transition is not None and principal is not None and \
        principal.has(transition.permission)
