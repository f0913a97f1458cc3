"""Services for the client portal: a client follows its own orders and their statuses.

The caller is a portal principal acting for a client (``record_kind`` ``parties.client``);
it holds no staff permission, so these check what permissions would: the order is the
client's and numbered (confirmed at least once). Anything else is 404.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from core.audit.models import AuditEntry
from core.db import session
from core.errors import NotFound
from core.i18n import gettext as _
from core.identity.guards import portal_record_id
from core.kernel import kontora
from plugins.orders.models import Order
from plugins.orders.services.common import KIND

CLIENT = "parties.client"


def client_id_of(principal: Any) -> int:
    """The client a portal principal acts for (403 for anyone else)."""
    return portal_record_id(principal, CLIENT)


def client_orders(principal: Any) -> list[Order]:
    """The client's numbered orders, newest first."""
    return list(session().scalars(
        select(Order).where(Order.party_id == client_id_of(principal),
                            Order.number.is_not(None))
        .order_by(Order.created_at.desc(), Order.id.desc())))


def client_order(principal: Any, order_id: int) -> Order:
    """One of the client's numbered orders (404 for any other)."""
    client_id = client_id_of(principal)
    order = session().get(Order, order_id)
    if order is None or order.party_id != client_id or order.number is None:
        raise NotFound(_("There is no such order."))
    return order


def status_history(order: Order) -> list[tuple[datetime, str]]:
    """``(when, status)`` for each status the order took, oldest first, from the audit log."""
    entries = session().scalars(
        select(AuditEntry).where(AuditEntry.record_kind == KIND,
                                 AuditEntry.record_id == order.id)
        .order_by(AuditEntry.at, AuditEntry.id))
    history = []
    for entry in entries:
        change = entry.changes.get("status")
        if isinstance(change, list) and len(change) == 2 and change[1]:
            history.append((entry.at, change[1]))
    return history


def follow_up_documents(principal: Any, order: Order) -> list[dict[str, Any]]:
    """What followed the order (invoices, contracts, protocols, shipments, complaints), each
    answered by its own plugin through ``kontora_portal_documents`` with that plugin's
    portal rules; oldest first, undated last."""
    items = kontora().collect("kontora_portal_documents", kind=KIND, record_id=order.id,
                              principal=principal)

    def when(item: dict[str, Any]) -> tuple[bool, date, str]:
        at = item.get("date")
        day = at.date() if isinstance(at, datetime) else at
        return day is None, day or date.min, str(item.get("title") or "")
    return sorted(items, key=when)
