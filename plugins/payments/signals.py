"""Signals the ``payments`` plugin announces (after commit); listeners connect by name."""

from __future__ import annotations

SIGNALS = {
    "payments.payment-received": "A payment was booked. Sender: the payment id. Keyword "
    "arguments: principal_id (None for a provider's confirmation), party_id, method, "
    "amount (as a string), currency, allocations (a list of {record_kind, record_id, "
    "amount as a string}).",
    "payments.payment-allocated": "Some of a payment's credit was allocated to documents "
    "later. Sender: the payment id. Keyword arguments: principal_id, allocations.",
}
