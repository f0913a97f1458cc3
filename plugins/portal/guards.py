"""``portal_required``: portal pages let in only a signed-in portal user acting for a
client it still has access to; anyone else (staff included) goes to the portal sign-in."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from flask import g, redirect, request, url_for

from core.errors import Forbidden
from core.identity import PORTAL, current_principal
from plugins.portal.services.access import current_client

F = TypeVar("F", bound=Callable[..., Any])


def portal_required(view: F) -> F:
    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        principal = current_principal()
        if principal is None or principal.kind != PORTAL:
            return redirect(url_for("portal.login", next=request.full_path.rstrip("?")))
        try:
            g.portal_client = current_client(principal)
        except Forbidden:
            return redirect(url_for("portal.login"))
        return view(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
