"""For which client a portal user acts, and switching between its clients.

The current client is the kernel link on the portal user (``record_kind``/``record_id``),
so the principal carries it into every service; this module checks it against the
user's :class:`PortalAccess` rows, so a revoked access ends at once.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import session
from core.errors import Forbidden, NotFound
from core.i18n import gettext as _
from core.identity.models import PortalUser
from core.identity.principal import PORTAL
from core.services import lock_record
from plugins.parties.models import Client
from plugins.portal.models import PortalAccess

CLIENT = "parties.client"
VIEWER_ID = 0
"""The id of the read-only stand-in principal of staff viewing the portal as a client
(``services.view_as``); no portal account has it."""


def clients_of(portal_user_id: int) -> list[Client]:
    """The clients a portal user may act for, by name."""
    return list(session().scalars(
        select(Client).join(PortalAccess, PortalAccess.client_id == Client.id)
        .where(PortalAccess.portal_user_id == portal_user_id).order_by(Client.name, Client.id)))


def has_access(portal_user_id: int, client_id: int) -> bool:
    return session().scalar(select(PortalAccess.id).where(
        PortalAccess.portal_user_id == portal_user_id,
        PortalAccess.client_id == client_id)) is not None


def current_client(principal: Any) -> Client:
    """The client the portal principal acts for now (403 for anyone else)."""
    if principal is None or principal.kind != PORTAL or principal.record_kind != CLIENT \
            or principal.record_id is None or (principal.id != VIEWER_ID and not has_access(
                principal.id, principal.record_id)):
        raise Forbidden(_("Only a client's portal user may do this."))
    client = session().get(Client, principal.record_id)
    if client is None:
        raise Forbidden(_("Only a client's portal user may do this."))
    return client


def switch_client(principal: Any, client_id: int) -> Client:
    """Act for another of the user's clients from the next request on (404 for others)."""
    if principal is None or principal.kind != PORTAL:
        raise Forbidden(_("Only a client's portal user may do this."))
    if not has_access(principal.id, client_id):
        raise NotFound(_("There is no such client."))
    account = lock_record(PortalUser, principal.id)
    account.record_kind, account.record_id = CLIENT, client_id
    return session().get(Client, client_id)


def first_access(account: PortalUser) -> bool:
    """On sign-in, point an account whose current client it lost at one it still has;
    false when it has none left (the kernel link stays, and grants nothing)."""
    if account.record_kind == CLIENT and account.record_id is not None \
            and has_access(account.id, account.record_id):
        return True
    first = session().scalar(select(PortalAccess.client_id).where(
        PortalAccess.portal_user_id == account.id).order_by(PortalAccess.id))
    if first is None:
        return False
    account.record_kind, account.record_id = CLIENT, first
    return True
