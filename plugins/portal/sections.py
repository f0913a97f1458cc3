"""The portal section of a client's profile: its portal users and the invitation form."""

from __future__ import annotations

from typing import Any

from flask import render_template
from sqlalchemy import select

from core.db import session
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.identity.models import PortalUser
from plugins.portal.models import PortalAccess


def portal_users_section(party_id: int) -> list[dict[str, Any]]:
    """Shown to staff who may invite; lists who has access to this client's portal."""
    principal = current_principal()
    if principal is None or not principal.has("portal.invite"):
        return []

    def render() -> str:
        users = session().scalars(
            select(PortalUser).join(PortalAccess, PortalAccess.portal_user_id == PortalUser.id)
            .where(PortalAccess.client_id == party_id).order_by(PortalUser.name)).all()
        return render_template("portal/staff/section.html", users=users, party_id=party_id)

    return [{"key": "portal", "title": _l("Portal"), "order": 90, "render": render}]
