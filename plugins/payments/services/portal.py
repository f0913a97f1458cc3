"""Services for the client portal: a client reads its payments, their cash receipts and
what it still owes.

The caller is a portal principal acting for a client; it holds no staff permission, so
these check what permissions would: the payment and the invoices are the client's.
Anything else is 404, never a hint about another client.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from core.db import session
from core.errors import NotFound
from core.i18n import gettext as _
from core.kernel import kontora
from plugins.invoicing.services.portal import CLIENT, client_id_of
from plugins.payments.models import Payment
from plugins.payments.services.receivables import INVOICE, balance_in, open_items


def client_payments(principal: Any) -> list[Payment]:
    """The client's payments, newest first."""
    return list(session().scalars(
        select(Payment).where(Payment.party_id == client_id_of(principal))
        .order_by(Payment.paid_on.desc(), Payment.id.desc())))


def client_payment(principal: Any, payment_id: int) -> Payment:
    """One of the client's payments (404 for any other)."""
    payment = session().get(Payment, payment_id)
    if payment is None or payment.party_id != client_id_of(principal):
        raise NotFound(_("There is no such payment."))
    return payment


def client_balance(principal: Any) -> dict[str, dict[str, Decimal]]:
    """What the client still owes on its issued invoices and the credit it has, per
    currency."""
    client_id = client_id_of(principal)
    model = kontora().kinds[INVOICE].model
    return balance_in(open_items(session().scalars(
        select(model).where(model.party_id == client_id, model.due_date.is_not(None)))),
        client_id)


def clients_own(principal: Any, kind: str, record_ids: list[int]) -> list[int]:
    """Those of ``record_ids`` (documents of ``kind``) that are the portal user's client's,
    in their order; none for a portal user acting for anything but a client."""
    rk = kontora().kinds.get(kind)
    if rk is None or principal.record_kind != CLIENT or principal.record_id is None or \
            not record_ids:
        return []
    model = rk.model
    own = set(session().scalars(select(model.id).where(
        model.id.in_(record_ids), model.party_id == client_id_of(principal))))
    return [i for i in record_ids if i in own]


def paid_for(payment: Payment) -> list[str]:
    """The titles of the documents the payment settles, as the client knows them."""
    titles = []
    for allocation in payment.allocations:
        rk = kontora().kinds.get(allocation.record_kind)
        record = session().get(rk.model, allocation.record_id) if rk is not None else None
        if record is not None:
            titles.append(rk.title_of(record))
    return titles
