"""A client's standing: a prospect becomes a customer when it first buys.

``offers`` (an accepted offer) and ``orders`` (a confirmed order) depend on ``parties`` and
call :func:`become_customer` inside their own unit of work, so the change commits or rolls
back with the decision that caused it; they put it on the client's timeline.
"""

from __future__ import annotations

from core.services import lock_record
from plugins.parties.models import Client
from plugins.parties.services.common import announce


def become_customer(client_id: int, *, principal_id: int | None = None) -> bool:
    """Make prospect ``client_id`` a customer; True only for the call that changed it.

    No permission is checked: the caller's own (permitted, or client-link) action is the
    reason. The client row is locked, so of two concurrent first purchases one changes the
    status and the other finds a customer already.
    """
    client = lock_record(Client, client_id)
    if client is None or client.status != "prospect":
        return False
    client.status = "customer"
    client.updated_by_id = principal_id
    announce("parties.client-updated", client.id, principal_id=principal_id,
             changed=["status"])
    return True
