"""Every state change of payments: validate, check, lock, write, audit, announce.

Views, the API, the client link and the provider webhooks call these.
"""

from plugins.payments.services.online import checkout_by_token, confirm, seen_event, start_checkout
from plugins.payments.services.payments import (
    allocate_credit,
    credit_of,
    mark_paid,
    open_documents,
    payments_of,
    record_payment,
    status_of,
)

__all__ = [
    "allocate_credit",
    "checkout_by_token",
    "confirm",
    "credit_of",
    "mark_paid",
    "open_documents",
    "payments_of",
    "record_payment",
    "seen_event",
    "start_checkout",
    "status_of",
]
