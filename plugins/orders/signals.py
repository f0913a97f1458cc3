"""Signals the ``orders`` plugin announces (after commit); listeners connect by name."""

from __future__ import annotations

SIGNALS = {
    "orders.order-created": "An order was created (by hand, from another document or on an "
    "offer's acceptance). Sender: the order id. Keyword arguments: principal_id, party_id, "
    "reference (the source document's, or None).",
    "orders.order-status-changed": "An order moved along its workflow. Sender: the order "
    "id. Keyword arguments: principal_id (None when the client acted through a link), "
    "transition, before, after.",
    "orders.order-confirmed": "An order was confirmed, by staff or by the client through "
    "the e-mailed link; it has its number now. Sender: the order id. Keyword arguments: "
    "principal_id (None for the client), party_id, number, by (\"staff\" or \"client\").",
    "orders.question-asked": "The client asked a question through the confirmation link; "
    "it is a comment on the order's timeline. Sender: the order id. Keyword arguments: "
    "note_id, party_id.",
    "orders.thread-message-posted": "A message was posted in an order's client thread, by "
    "the client from the portal or by staff answering. Sender: the order id. Keyword "
    "arguments: message_id, note_id, party_id, from_client, principal_id (None for the "
    "client).",
}
