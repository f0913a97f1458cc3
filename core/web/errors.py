"""Errors as friendly pages, mapped once for the whole application.

A :class:`core.errors.KontoraError` answers with its own status, HTTP errors with theirs,
a stale update with 409, an unreachable database with 503 (drawn without it) and anything
unexpected with 500. Requests under ``/api/`` get the API's JSON body
(:func:`core.api.errors.error_response`) instead of a page.
Unexpected exceptions still propagate in tests and debug mode, as Flask intends.
"""

from __future__ import annotations

import logging

import marshmallow
from flask import Flask, Response, current_app, g, redirect, render_template, request, url_for
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from core.api.errors import error_response
from core.db.session import current_session, database_unreachable
from core.errors import (
    Conflict,
    DatabaseUnavailable,
    KontoraError,
    NotAuthenticated,
    ValidationError,
)
from core.i18n import gettext as _

log = logging.getLogger(__name__)


def register_error_handlers(app: Flask) -> None:
    for exc_class in (KontoraError, HTTPException, StaleDataError, marshmallow.ValidationError,
                      DBAPIError):
        app.register_error_handler(exc_class, handle_error)


def handle_error(exc: Exception):
    """The page (or, under ``/api/``, the JSON body) for ``exc``."""
    if isinstance(exc, HTTPException) and (exc.code is None or exc.code < 400):
        return exc
    if isinstance(exc, DBAPIError) and not database_unreachable(exc):
        raise exc  # any other database error stays unexpected: 500, or raised in tests
    original = getattr(exc, "original_exception", None) or exc
    if database_unreachable(original):
        log.warning("database unreachable on %s %s: %s", request.method, request.path,
                    str(original).splitlines()[0])
        original = DatabaseUnavailable()
    if request.path.startswith("/api/"):

        return error_response(original)
    if isinstance(original, StaleDataError):
        original = Conflict(_("The record was changed by someone else; reload it and try again."))
    elif isinstance(original, marshmallow.ValidationError):
        original = ValidationError(_("The input is not valid."), fields=original.messages_dict)
    if isinstance(original, NotAuthenticated):
        login = _login_url()
        if login:
            return redirect(login)
    if isinstance(original, DatabaseUnavailable):
        return _without_database(original)
    if isinstance(original, KontoraError):
        return _page(original.status, original.message, original.fields,
                     headers=original.headers.items())
    if isinstance(original, HTTPException) and original.code and original.code < 500:
        return _page(original.code, None, {}, headers=original.get_headers())
    log.error("unhandled error on %s %s", request.method, request.path, exc_info=original)
    return _server_error()


def _login_url() -> str | None:
    manager = getattr(current_app, "login_manager", None)
    view = getattr(manager, "login_view", None) or "identity.login"
    if view not in current_app.view_functions:
        return None
    return url_for(view, next=request.full_path.rstrip("?"))


def _page(status: int, message: str | None, fields: dict, headers=None,
          bare: bool = False) -> Response:
    templates = [f"errors/{status}.html", "errors/error.html"]
    body = render_template(templates, status=status, message=message, fields=fields,
                           bare_layout=bare)
    response = current_app.make_response((body, status))
    for name, value in headers or ():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def _server_error() -> Response:
    """The 500 page, drawn even when the request's transaction or the database is broken."""
    sess = current_session()
    if sess is not None:
        sess.rollback()
    try:
        return _page(500, None, {})
    except Exception:
        log.exception("the full 500 page failed; answering with the bare one")
        return _page(500, None, {}, bare=True)


def _without_database(exc: DatabaseUnavailable) -> Response:
    """The 503 page, drawn bare and signed out: the menus and the user need the database."""
    sess = current_session()
    if sess is not None:
        sess.rollback()
    g.kontora_principal = None
    manager = getattr(current_app, "login_manager", None)
    if manager is not None:
        g._login_user = manager.anonymous_user()  # flask-login would load the user again
    return _page(exc.status, exc.message, {}, headers=exc.headers.items(), bare=True)
