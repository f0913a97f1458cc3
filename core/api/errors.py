"""Uniform JSON errors for the REST API.

Every failure under ``/api/`` answers with the same body, whatever raised it::

    {"error": "validation_error", "status": 422, "message": "...", "fields": {"title": ["..."]}}

``fields`` appears only when particular inputs are at fault (422, and 400 for bad parameters).
The web layer's app-level handlers call :func:`error_response` for ``/api/`` paths; API
blueprints register it themselves with :func:`register_error_handlers`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import marshmallow
from flask import Blueprint, Flask, Response, jsonify
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from core.db.session import database_unreachable
from core.errors import DatabaseUnavailable, KontoraError
from core.i18n import gettext as _
from core.services.integrity import integrity_error

log = logging.getLogger(__name__)

# Machine-readable codes for the HTTP errors werkzeug and extensions raise.
HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    428: "precondition_required",
    429: "too_many_requests",
    500: "internal_error",
}

# Headers of an HTTPException worth keeping (the body is always ours).
_KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate", "X-RateLimit-Limit",
                 "X-RateLimit-Remaining", "X-RateLimit-Reset")


def error_body(status: int, code: str, message: str,
               fields: Mapping[str, list[str]] | None = None) -> dict[str, Any]:
    """The JSON error document; ``fields`` maps each bad input to its messages."""
    body: dict[str, Any] = {"error": code, "status": status, "message": message}
    if fields:
        body["fields"] = dict(fields)
    return body


def error_response(exc: BaseException) -> Response:
    """The JSON response for ``exc``: a user-facing error, an HTTP error or a crash (500)."""

    headers: dict[str, str] = {}
    if database_unreachable(exc):
        log.warning("database unreachable in an API request: %s", str(exc).splitlines()[0])
        exc = DatabaseUnavailable()
    if isinstance(exc, IntegrityError):  # a constraint refused the input: 409/422 naming it
        log.info("database constraint refused a write: %s", exc.orig)
        exc = integrity_error(exc)
    if isinstance(exc, KontoraError):
        status, code, message = exc.status, exc.code, exc.message
        fields = flatten_messages(exc.fields) if exc.fields else None  # nested: "a.0.iban"
        headers.update(exc.headers)  # Retry-After of a busy database ...
    elif isinstance(exc, marshmallow.ValidationError):
        status, code, message = 422, "validation_error", _("The input is not valid.")
        fields = flatten_messages(exc.messages)
    elif isinstance(exc, StaleDataError):
        status, code, fields = 409, "conflict", None
        message = _("The record was changed by someone else; reload it and try again.")
    elif isinstance(exc, DataError):  # a value the database refuses (too long, out of range)
        log.info("database refused a value: %s", exc.orig)
        status, code, fields = 400, "bad_request", None
        message = _("A value does not fit the field it was given for.")
    elif isinstance(exc, HTTPException) and exc.code is not None and exc.code < 500:
        status, fields = exc.code, getattr(exc, "kontora_fields", None)
        code = HTTP_CODES.get(status, "http_error")
        message = exc.description or exc.name
        headers = {k: v for k, v in exc.get_headers() if k in _KEPT_HEADERS}
    else:
        log.error("unhandled error in an API request", exc_info=exc)
        status, code, fields = 500, "internal_error", None
        message = _("Something went wrong on our side; the error has been logged.")
    if status == 401:
        headers.setdefault("WWW-Authenticate", 'Bearer realm="kontora"')
    response = jsonify(error_body(status, code, message, fields))
    response.status_code = status
    response.headers.update(headers)
    return response


def flatten_messages(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as ``{"lines.0.quantity": ["..."]}``."""
    if isinstance(messages, Mapping):
        flat: dict[str, list[str]] = {}
        for key, value in messages.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            flat.update(flatten_messages(value, name))
        return flat
    if isinstance(messages, list | tuple) and all(isinstance(m, str) for m in messages):
        return {prefix or "_schema": [str(m) for m in messages]}
    if isinstance(messages, list | tuple):
        flat = {}
        for item in messages:
            for key, value in flatten_messages(item, prefix).items():
                flat.setdefault(key, []).extend(value)
        return flat
    return {prefix or "_schema": [str(messages)]}


def register_error_handlers(target: Blueprint | Flask) -> None:
    """Answer every error raised inside ``target``'s views with :func:`error_response`."""
    target.register_error_handler(Exception, error_response)
