"""Signals the ``catalog`` plugin announces (after commit); listeners connect by name."""

from __future__ import annotations

SIGNALS = {
    "catalog.product-created": "A product or service was created. Sender: the product id. "
    "Keyword arguments: principal_id, code.",
    "catalog.product-updated": "A product's price, VAT rate, active flag or text changed. "
    "Sender: the product id. Keyword arguments: principal_id, changed (field names).",
    "catalog.service-assigned": "A service was assigned to a client. Sender: the product "
    "id. Keyword arguments: client_id, principal_id.",
    "catalog.service-unassigned": "A service was taken off a client. Sender: the product "
    "id. Keyword arguments: client_id, principal_id.",
}
