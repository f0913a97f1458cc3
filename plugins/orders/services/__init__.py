"""Every state change of orders: validate, check, write, audit, announce.

Views, the API, the conversion, the signal receiver and the client's link pages call these.
"""

from plugins.orders.services.admin import add_status, remove_status, update_settings
from plugins.orders.services.client import ask_by_client, confirm_by_client
from plugins.orders.services.orders import (
    add_line,
    create_order,
    delete_order,
    duplicate_line,
    remove_line,
    reorder_line,
    update_line,
    update_order,
)
from plugins.orders.services.transitions import (
    TRANSITION_SERVICES,
    advance_order,
    cancel_order,
    confirm_order,
    deliver_order,
    revise_order,
    run_transition,
    send_order,
    start_order,
)

__all__ = [
    "TRANSITION_SERVICES",
    "add_line",
    "add_status",
    "advance_order",
    "ask_by_client",
    "cancel_order",
    "confirm_by_client",
    "confirm_order",
    "create_order",
    "delete_order",
    "deliver_order",
    "duplicate_line",
    "remove_line",
    "remove_status",
    "reorder_line",
    "revise_order",
    "run_transition",
    "send_order",
    "start_order",
    "update_line",
    "update_order",
    "update_settings",
]
