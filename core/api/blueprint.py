"""Building blocks of API views: blueprints with JSON errors and safe request-body parsing."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request
from werkzeug.exceptions import BadRequest, UnsupportedMediaType

from core.api.errors import register_error_handlers
from core.errors import NotAuthenticated, ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.services.helpers import nul_paths

RECORD_ID = "int(max=2147483647)"
"""URL converter for record ids: larger numbers fit no PostgreSQL integer column, so 404."""


def api_blueprint(name: str, import_name: str, url_prefix: str | None = None) -> Blueprint:
    """A blueprint for ``kontora_api_blueprints``: mounted under ``/api/v1``, errors as JSON."""
    bp = Blueprint(name, import_name, url_prefix=url_prefix)
    register_error_handlers(bp)
    return bp


def json_body() -> dict[str, Any]:
    """The request's JSON object; a wrong content type is 415, malformed JSON or a non-object 400.

    Never lets a decoding problem become a 500: bad UTF-8, deep nesting and huge numbers are
    all the client's fault.
    """
    if not request.is_json:
        raise UnsupportedMediaType(_("Send the body as JSON (Content-Type: application/json)."))
    try:
        data = request.get_json(force=True, silent=False)
    except BadRequest:
        raise BadRequest(_("The body is not valid JSON.")) from None
    except (RecursionError, ValueError, UnicodeDecodeError):
        raise BadRequest(_("The body is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise BadRequest(_("The body must be a JSON object."))
    bad = sorted(nul_paths(data))
    if bad:
        raise ValidationError(_("The input is not valid."), fields={
            path: [_("Text must not contain NUL characters.")] for path in bad})
    return data


def api_principal() -> Any:
    """The calling principal (bearer token or session); 401 when there is none."""

    principal = current_principal()
    if principal is None:
        raise NotAuthenticated(_("Sign in or send an API token (Authorization: Bearer ...)."))
    return principal
