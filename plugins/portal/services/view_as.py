"""Staff see the portal as a given client sees it: read-only, and audited.

Starting writes an audit entry on the client (action ``portal-view``). While the staff
member's session holds the client, portal pages are served with a portal principal for
that client (``id`` 0: no portal account) and anything but reading is refused, so nothing
is decided, filed or changed in the client's name.
"""

from __future__ import annotations

from typing import Any

from core.audit.models import AuditEntry
from core.db import session
from core.errors import KontoraError
from core.identity.principal import PORTAL, STAFF, Principal
from core.permissions import require
from core.services import load_record
from plugins.portal.services.access import CLIENT, VIEWER_ID

PERMISSION = "portal.view_as"


def start_view_as(principal: Any, client_id: int) -> int:
    """Check the staff member may see the client, and audit the start."""
    require(principal, PERMISSION)
    load_record(principal, CLIENT, client_id)
    session().add(AuditEntry(record_kind=CLIENT, record_id=client_id, action="portal-view",
                             actor_kind=STAFF, actor_id=principal.user_id,
                             actor_name=principal.name, changes={}))
    return client_id


def viewer_for(staff: Any, client_id: int) -> Principal | None:
    """The read-only stand-in principal, while the staff member may still see the client."""
    if staff is None or staff.kind != STAFF or not staff.has(PERMISSION):
        return None
    try:
        load_record(staff, CLIENT, client_id)
    except KontoraError:  # not found or forbidden now: the view ends
        return None
    return Principal(kind=PORTAL, id=VIEWER_ID, name=staff.name, language=staff.language,
                     timezone=staff.timezone, record_kind=CLIENT, record_id=client_id)
