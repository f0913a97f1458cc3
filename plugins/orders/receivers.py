"""Reactions to other plugins' signals, connected by name (nothing of theirs is imported).

``offers.offer-accepted``: when the installation's setting says so, the accepted offer is
converted into an order by the same conversion a user runs (idempotent: an offer already
converted keeps its order). Signals arrive after the accepting transaction committed; the
receiver defers the conversion once more with ``after_commit``, so it runs after every
other receiver of the same acceptance (the ``leads`` plugin turns the lead into a client
there, and the order needs that client). It acts as the offer's owner, whose permissions
and record rules apply; a failure is logged and leaves the acceptance as it is.
"""

from __future__ import annotations

import logging
from typing import Any

from core.conversions import convert, get_conversion
from core.db import after_commit, session
from core.errors import KontoraError
from core.i18n import gettext as _
from core.identity.users import principal_for
from core.kernel import kontora
from core.web.notifications import notify

log = logging.getLogger(__name__)


def on_offer_accepted(sender: Any, **kwargs: Any) -> None:
    from plugins.orders.services.admin import settings

    if not settings().create_on_acceptance:
        return
    offer_id = kwargs.get("offer_id", sender)
    after_commit(lambda: create_from_accepted_offer(int(offer_id)))


def create_from_accepted_offer(offer_id: int) -> int | None:
    """Convert the accepted offer into an order; the order id, or None when none was made."""
    from plugins.orders.conversions import OFFER, ORDER, PERMISSION
    from plugins.orders.services.common import tell_owner

    kind = kontora().kinds.get(OFFER)
    if kind is None or get_conversion(OFFER, ORDER) is None:
        return None
    offer = session().get(kind.model, offer_id)
    owner_id = getattr(offer, "owner_id", None)
    principal = principal_for(owner_id) if owner_id else None
    if principal is None or not principal.has(PERMISSION):
        log.warning("offer %s was accepted, but its owner may not create orders: no order",
                    offer_id)
        return None
    try:
        with session().begin_nested():
            result = convert(principal, OFFER, offer_id, ORDER)
    except KontoraError as exc:
        log.warning("offer %s was accepted, but no order was made: %s", offer_id, exc.message)
        return None
    if result.created:

        order = result.record
        tell_owner(order, None,
                   lambda: _("Order %(order)s was created from the accepted %(offer)s.",
                             order=order.title, offer=order.reference or offer_id),
                   template="orders/created-on-acceptance", context={})
        _send_made_order(principal, order)
    return result.target_id


def _send_made_order(principal: Any, order: Any) -> None:
    """E-mail the new order for confirmation when the setting says so; a refusal (no
    address, no permission) leaves it a draft and tells the owner why."""
    from plugins.orders.links import site_path
    from plugins.orders.services import send_order
    from plugins.orders.services.admin import settings

    if not settings().send_on_acceptance:
        return
    try:
        with session().begin_nested():
            send_order(principal, order.id)
    except KontoraError as exc:
        log.warning("order %s was made on acceptance but not sent: %s", order.id, exc.message)
        reason = " ".join(m for ms in exc.fields.values() for m in ms) or exc.message
        if order.owner_id is not None:
            notify(order.owner_id, _("Order %(order)s was not sent: %(reason)s",
                                     order=order.title, reason=reason),
                   link=site_path("orders.order_detail", id=order.id))
