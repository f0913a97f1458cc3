"""Wire identity into a Flask app: sessions, Flask-Login, CSRF and the rate limiter."""

from __future__ import annotations

from flask import Flask, request
from flask_login import LoginManager, current_user, user_logged_out
from flask_wtf.csrf import CSRFProtect

from core.identity import API_PREFIX, CSRF_EXEMPT, limiter
from core.identity.principal import Principal
from core.identity.users import end_sessions_of, principal_from_session_id

REDIS_TIMEOUT = 0.5
"""Seconds the limiter waits for Redis before counting in memory instead."""


def init_identity(app: Flask, base_url: str, redis_url: str | None) -> None:
    """Secure cookies, the session user loader, CSRF on every form, and the limiter."""
    secure = base_url.startswith("https://")
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure,
        SESSION_COOKIE_NAME="kontora_session",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=secure,
        WTF_CSRF_CHECK_DEFAULT=False,  # checked below, so bearer-token API calls can skip it
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        RATELIMIT_STORAGE_URI=redis_url or "memory://",
        # Redis down must not refuse service: count per process meanwhile (Flask-Limiter logs
        # "falling back to in-memory storage") and go back to Redis once it answers again.
        RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True,
        RATELIMIT_STORAGE_OPTIONS=(
            {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT}
            if redis_url and not redis_url.startswith("unix") else {}),
        RATELIMIT_KEY_PREFIX="kontora-limits",
        RATELIMIT_HEADERS_ENABLED=True,
    )
    _init_login(app)
    _init_csrf(app)
    limiter.init_app(app)


def _init_login(app: Flask) -> None:
    manager = LoginManager()
    manager.session_protection = "basic"
    manager.user_loader(principal_from_session_id)
    manager.init_app(app)
    user_logged_out.connect(_end_sessions_on_logout, app)


def _end_sessions_on_logout(_app: Flask, user: object = None, **_extra: object) -> None:
    """Signing out ends the account's sessions on the server, so a copy of the cookie
    taken before is worthless (for staff and, through the same Flask-Login call, portal)."""
    if isinstance(user, Principal):
        end_sessions_of(user)


def _init_csrf(app: Flask) -> None:
    """Every unsafe request carries the CSRF token (form field or ``X-CSRFToken`` header),
    except API calls authenticated by a bearer token: no cookie, so nothing to forge."""
    csrf = CSRFProtect(app)

    @app.before_request
    def _check_csrf() -> None:
        if not app.config.get("WTF_CSRF_ENABLED", True):
            return
        if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
            return
        if getattr(app.view_functions.get(request.endpoint or ""), CSRF_EXEMPT, False):
            return  # authenticated by its own signature (core.identity.csrf_exempt)
        if request.path.startswith(API_PREFIX):
            bearer = request.headers.get("Authorization", "")[:7].lower() == "bearer "
            if bearer or not current_user.is_authenticated:
                return  # no session to ride on: authentication answers 401 instead
        csrf.protect()
