"""Every state change of shipping: validate, check, write, audit, announce.

Views, the API and the demo data call these; a portal plugin may call them too.
"""

from plugins.shipping.services.carriers import (
    active_carriers,
    create_carrier,
    delete_carrier,
    update_carrier,
)
from plugins.shipping.services.shipments import create_shipment, update_shipment
from plugins.shipping.services.transitions import (
    TRANSITION_SERVICES,
    cancel_shipment,
    deliver_shipment,
    dispatch_shipment,
    pack_shipment,
    return_shipment,
    run_transition,
)

__all__ = [
    "TRANSITION_SERVICES",
    "active_carriers",
    "cancel_shipment",
    "create_carrier",
    "create_shipment",
    "delete_carrier",
    "deliver_shipment",
    "dispatch_shipment",
    "pack_shipment",
    "return_shipment",
    "run_transition",
    "update_carrier",
    "update_shipment",
]
