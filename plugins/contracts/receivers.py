"""What ``contracts`` does when other plugins announce facts (connected by name)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import session
from core.i18n import force_locale
from core.i18n import gettext as _
from core.identity.models import User
from core.permissions.models import Role, RolePermission
from core.web.notifications import notify
from plugins.contracts.links import site_path

PREPARERS = "contracts.write"


def on_order_status_changed(sender: Any, **kwargs: Any) -> None:
    """An order was delivered: tell the staff who prepare protocols to prepare one."""
    if kwargs.get("after") != "delivered":
        return
    users = session().scalars(
        select(User).join(User.roles).join(Role.permissions)
        .where(RolePermission.permission == PREPARERS, User.active.is_(True)).distinct())
    for user in users:
        with force_locale(user.language):
            text = _("Order #%(id)s was delivered: prepare its acceptance protocol.",
                     id=sender)
        notify(user.id, text, link=site_path("contracts.protocol_create",
                                             source_kind="orders.order", source_id=sender))
