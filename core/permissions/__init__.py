"""Permissions, roles and record rules.

A plugin declares its permissions (``kontora_permissions``) and default role grants
(``kontora_default_roles``); services call :func:`require` before acting and
:func:`scope` on every query that lists records, so a rule holds everywhere or nowhere.
"""

from __future__ import annotations

from typing import Any

from core.errors import Forbidden, NotAuthenticated
from core.permissions.catalogue import ADMIN_PERMISSION, catalogue, seed_roles
from core.permissions.rules import scope


def require(principal: Any, permission: str) -> None:
    """Raise unless ``principal`` holds ``permission``: 401 without one, 403 without it."""
    if principal is None:
        raise NotAuthenticated("sign in first")
    if not principal.has(permission):
        raise Forbidden(f"this needs the permission {permission!r}")


__all__ = ["ADMIN_PERMISSION", "catalogue", "require", "scope", "seed_roles"]
