"""Building blocks of API views: blueprints with JSON errors and safe request-body parsing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import Blueprint, request
from flask.blueprints import BlueprintSetupState
from werkzeug.exceptions import BadRequest, NotFound, UnsupportedMediaType
from werkzeug.routing import IntegerConverter

from core.api.errors import register_error_handlers
from core.errors import NotAuthenticated, ValidationError
from core.i18n import gettext as _
from core.identity import STAFF, current_principal
from core.services.helpers import nul_paths

RECORD_ID = "record_id"
"""URL converter for record ids: larger numbers fit no PostgreSQL integer column, so 404."""
MAX_RECORD_ID = 2147483647


class RecordIdConverter(IntegerConverter):
    """A non-negative integer id; one above :data:`MAX_RECORD_ID` is 404 whatever the method.

    ``int(max=...)`` refuses such a number by skipping the rule, and werkzeug then answers
    405 with the ``Allow`` of whichever sibling rule it saw, which is false.
    """

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_RECORD_ID:
            raise NotFound()
        return number


def accept_record_ids(bp: Blueprint) -> Blueprint:
    """Let ``bp``'s rules use ``<record_id:name>``; call before adding any rule."""
    def install(state: BlueprintSetupState) -> None:
        state.app.url_map.converters.setdefault(RECORD_ID, RecordIdConverter)

    bp.record_once(install)
    return bp


def api_blueprint(name: str, import_name: str, url_prefix: str | None = None) -> Blueprint:
    """A blueprint for ``kontora_api_blueprints``: mounted under ``/api/v1``, errors as JSON."""
    bp = accept_record_ids(Blueprint(name, import_name, url_prefix=url_prefix))
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
    huge = sorted(huge_number_paths(data))
    if huge:
        raise ValidationError(_("The input is not valid."), fields={
            path: [_("The number is too large.")] for path in huge})
    return data


MAX_STORED_INTEGER = 2**63 - 1
"""The largest integer a database column holds (SQLite's, PostgreSQL's bigint)."""


def huge_number_paths(value: Any, path: str = "") -> Iterator[str]:
    """Where integers too large for any column hide in decoded JSON: SQLite's driver raises
    OverflowError on them, which no service would expect."""
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) > MAX_STORED_INTEGER:
            yield path or "_schema"
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from huge_number_paths(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from huge_number_paths(item, f"{path}.{number}" if path else str(number))


_YES, _NO = ("1", "true", "yes"), ("", "0", "false", "no")
FLAG = {"type": "string", "enum": [*_YES, *_NO]}
"""The OpenAPI schema of a yes/no query parameter read by :func:`flag_arg`."""


def is_whole_number(text: str) -> bool:
    """``text`` is ASCII digits only: ``str.isdigit`` also takes "²" and Arabic-Indic
    digits, which ``int`` then refuses or reads as another number."""
    return text.isascii() and text.isdigit()


def flag_arg(name: str) -> bool:
    """The yes/no query parameter ``name`` (absent: no); anything else is 422 naming it, so
    a typo (``allow_duplicate=0k``) never silently means yes or no."""
    value = request.args.get(name, "").strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise ValidationError(_("The input is not valid."), fields={name: [
        _("Give 1 or 0 (true or false).")]})


def api_principal() -> Any:
    """The calling staff principal (bearer token or session); 401 when there is none.

    A portal user's session counts as none: the API is staff's, and the portal serves
    clients through its own pages and services."""

    principal = current_principal()
    if principal is None or principal.kind != STAFF:
        raise NotAuthenticated(_("Sign in or send an API token (Authorization: Bearer ...)."))
    return principal
