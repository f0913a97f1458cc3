"""Signals the ``shipping`` plugin announces (after commit); listeners connect by name."""

from __future__ import annotations

SIGNALS = {
    "shipping.shipment-created": "A shipment was planned for an order. Sender: the shipment "
    "id. Keyword arguments: principal_id, order_id, party_id.",
    "shipping.shipment-status-changed": "A shipment moved along its workflow. Sender: the "
    "shipment id. Keyword arguments: principal_id, order_id, transition, before, after.",
    "shipping.shipment-dispatched": "The goods left; the client was e-mailed. Sender: the "
    "shipment id. Keyword arguments: principal_id, order_id, party_id, number, "
    "dispatched_on, carrier (name or None), tracking_number, tracking_link.",
    "shipping.shipment-delivered": "The client received the shipment. Sender: the shipment "
    "id. Keyword arguments: principal_id, order_id, party_id, delivered_on, "
    "order_complete (every line of the order delivered).",
}
