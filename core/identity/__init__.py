"""Who is acting: staff users, portal users and API tokens, resolved to a :class:`Principal`.

``current_principal()`` answers for the current request (session cookie through
Flask-Login, or ``Authorization: Bearer`` under ``/api/``); services take the principal as
an argument and never look at the request themselves. ``limiter`` is the application's
Flask-Limiter, for any public endpoint that needs a rate limit.
"""

from __future__ import annotations

from typing import Any

import flask_login
from flask import g, has_request_context, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from core.identity.principal import PORTAL, STAFF, Principal
from core.identity.tokens import resolve_token

limiter = Limiter(key_func=get_remote_address)
"""Rate limits: ``@limiter.limit("5 per minute")``; Redis storage when KONTORA_REDIS_URL is set."""

API_PREFIX = "/api/"

CSRF_EXEMPT = "kontora_csrf_exempt"


def csrf_exempt(view: Any) -> Any:
    """Let ``view`` take unsafe requests without the CSRF token: only for endpoints that
    authenticate the request themselves (a payment provider's signed webhook)."""
    setattr(view, CSRF_EXEMPT, True)
    return view


def current_principal() -> Principal | None:
    """The principal of the current request, or ``None`` (signed out, or outside a request).

    Under ``/api/`` an ``Authorization: Bearer`` token wins over the session cookie.
    Resolved once per request.
    """
    if not has_request_context():
        return None
    if "kontora_principal" not in g:
        g.kontora_principal = None  # if resolving fails (no database), the error page is
        g.kontora_principal = _resolve()  # drawn signed out instead of failing again
    return g.kontora_principal


def _resolve() -> Principal | None:


    header = request.headers.get("Authorization", "")
    if request.path.startswith(API_PREFIX) and header[:7].lower() == "bearer ":
        return resolve_token(header[7:].strip())
    user = flask_login.current_user
    return user if isinstance(user, Principal) else None


def is_api_request() -> bool:
    return has_request_context() and request.path.startswith(API_PREFIX)


__all__ = ["CSRF_EXEMPT", "PORTAL", "STAFF", "Principal", "csrf_exempt", "current_principal",
           "is_api_request", "limiter"]
