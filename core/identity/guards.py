"""View decorators: signed-in staff only, or staff holding a permission.

On web pages a signed-out visitor is sent to the login page; under ``/api/`` they get
401. A missing permission raises :class:`core.errors.Forbidden`, which the app's error
handlers turn into the 403 page or the JSON error.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app, redirect, request, url_for
from werkzeug.wrappers import Response

from core.errors import Forbidden, NotAuthenticated, NotFound
from core.i18n import gettext as _
from core.identity import PORTAL, STAFF, current_principal, is_api_request
from core.permissions import require

F = TypeVar("F", bound=Callable[..., Any])


def login_required(view: F) -> F:
    """Let only signed-in staff through (portal users count as signed out here)."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        principal = current_principal()
        if principal is None or principal.kind != STAFF:
            if is_api_request():
                raise NotAuthenticated("sign in or send an API token")
            return redirect(url_for("identity.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def permission_required(permission: str) -> Callable[[F], F]:
    """Let only signed-in staff holding ``permission`` through."""

    def decorator(view: F) -> F:
        @functools.wraps(view)
        def check(*args: Any, **kwargs: Any) -> Any:
            require(current_principal(), permission)
            return view(*args, **kwargs)

        return login_required(check)  # type: ignore[return-value]

    return decorator


def portal_pages_only() -> Response | None:
    """``before_request`` of a plugin's portal blueprint: portal users only, and only while
    the portal plugin serves its sign-in page (``portal.login``); anyone else signs in there."""
    if "portal.login" not in current_app.view_functions:
        raise NotFound()
    principal = current_principal()
    if principal is None or principal.kind != PORTAL:
        return redirect(url_for("portal.login", next=request.full_path.rstrip("?")))
    return None


def portal_record_id(principal: Any, record_kind: str) -> int:
    """The id of the ``record_kind`` record a portal principal acts for (a client, say);
    403 for anyone else, so every portal service starts from the same check."""
    if principal is None or principal.kind != PORTAL or principal.record_kind != record_kind \
            or principal.record_id is None:
        raise Forbidden(_("Only a client's portal user may do this."))
    return int(principal.record_id)
