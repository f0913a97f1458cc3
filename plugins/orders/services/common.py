"""What every order service shares: loading within record rules, totals, the timeline."""

from __future__ import annotations

from typing import Any

from core.db import session
from core.documents.totals import totals_of
from core.i18n import force_locale
from core.i18n import gettext as _
from core.identity.models import User
from core.mail import send_mail
from core.services import load_record
from core.web.notifications import notify
from plugins.orders.exceptions import OrderLocked, StaleOrder
from plugins.orders.models import Order
from plugins.orders.workflow import EDITABLE, current_workflow

KIND = "orders.order"


def load_order(principal: Any, order_id: int, action: str = "read") -> Order:
    """The order if ``principal`` may ``action`` it (404 outside the read scope, 403 when
    readable but not writable)."""
    return load_record(principal, KIND, order_id, action)


def check_version(order: Order, expected_version: int | None) -> None:
    if expected_version is not None and order.version != expected_version:
        raise StaleOrder()


def flush_order() -> None:
    """Flush, answering a concurrent change of the order (its version moved) with a 409."""
    from sqlalchemy.orm.exc import StaleDataError

    try:
        session().flush()
    except StaleDataError:
        raise StaleOrder() from None


def require_draft(order: Order) -> None:
    if order.status not in EDITABLE:
        raise OrderLocked(current_workflow().label(order.status))


def refresh_totals(order: Order) -> None:
    """Store what the lines add up to on the order (for lists, sorting and the API)."""
    totals = totals_of(order.lines)
    order.total_net, order.total_vat, order.total_gross = totals.net, totals.vat, totals.gross


def timeline_note(order: Order, body: str, *, author_id: int | None,
                  kind: str = "note") -> Any:
    """A note or comment on the order's timeline (the ``activities`` panel shows it)."""
    from plugins.activities.models import Note

    note = Note(record_kind=KIND, record_id=order.id, kind=kind, body=body,
                created_by_id=author_id, updated_by_id=author_id)
    session().add(note)
    session().flush()
    return note


def tell_owner(order: Order, actor_id: int | None, message: Any, *,
               template: str, context: dict[str, Any]) -> None:
    """Tell the order's owner (unless they acted themselves): in the app and by e-mail.

    ``message`` is a callable giving the in-app sentence in the current locale, so each
    owner reads it in their own language (callables in ``context`` likewise); both join
    the caller's unit of work, so a rolled-back change tells nobody.
    """
    from plugins.orders.links import external_url, site_path

    if order.owner_id is None or order.owner_id == actor_id:
        return
    owner = session().get(User, order.owner_id)
    if owner is None or not owner.active:
        return
    with force_locale(owner.language):
        text = message()
        values = {k: v() if callable(v) else v for k, v in context.items()}
    notify(owner.id, text, link=site_path("orders.order_detail", id=order.id))
    if owner.email:
        send_mail(owner.email, template=template, language=owner.language,
                  context={"order": mail_order(order), "owner": owner.name, "summary": text,
                           "url": external_url("orders.order_detail", id=order.id),
                           **values},
                  record=(KIND, order.id))


def mail_order(order: Order) -> dict[str, Any]:
    """What mail templates see of an order: plain values, no object with methods."""
    return {"title": order.title, "number": order.number, "currency": order.currency,
            "total": order.total_gross, "net": order.total_net, "vat": order.total_vat,
            "delivery_date": order.delivery_date, "reference": order.reference,
            "lines": [{"description": line.description, "quantity": line.quantity,
                       "unit": line.unit or "", "unit_price": line.unit_price,
                       "net": line.net} for line in order.lines]}


def status_sentence(order: Order, before: str, after: str, actor: str) -> str:
    """One line about a status change, in the current locale."""
    workflow = current_workflow()
    return _("%(actor)s moved order %(order)s from “%(before)s” to “%(after)s”.",
             actor=actor, order=order.title, before=workflow.label(before),
             after=workflow.label(after))
