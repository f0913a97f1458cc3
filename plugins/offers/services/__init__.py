"""Every state change of offers: validate, check, write, audit, announce.

Views, the API, jobs and the client's public page call these; none of them changes an
offer any other way.
"""

from plugins.offers.services.decisions import accept_offer, decline_offer, expire_offers, open_offer
from plugins.offers.services.lines import (
    add_line,
    duplicate_line,
    remove_line,
    reorder_line,
    update_line,
)
from plugins.offers.services.offers import (
    cancel_offer,
    create_offer,
    delete_offer,
    get_offer,
    revise_offer,
    update_offer,
)
from plugins.offers.services.sending import send_offer

__all__ = [
    "accept_offer",
    "add_line",
    "cancel_offer",
    "create_offer",
    "decline_offer",
    "delete_offer",
    "duplicate_line",
    "expire_offers",
    "get_offer",
    "open_offer",
    "remove_line",
    "reorder_line",
    "revise_offer",
    "send_offer",
    "update_line",
    "update_offer",
]
