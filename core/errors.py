"""User-facing errors, raised by services and mapped once by the kernel.

The web layer turns them into a page or a form error, the API into a uniform JSON body
with the same status. A plugin subclasses these in its own ``exceptions.py``.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext as _  # core.i18n stands above this bottom-layer module


class KontoraError(Exception):
    """Base of every error a user may see; ``status`` is the HTTP status it maps to."""

    status = 400
    code = "bad_request"
    headers: Mapping[str, str] = {}  # HTTP headers the answer carries (Retry-After ...)

    def __init__(self, message: str, *, fields: Mapping[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = dict(fields or {})

    def to_dict(self) -> dict:
        body: dict = {"error": self.code, "message": self.message}
        if self.fields:
            body["fields"] = self.fields
        return body


class ValidationError(KontoraError):
    """Input is wrong; ``fields`` maps each bad field to its messages."""

    status = 422
    code = "validation_error"


class NotAuthenticated(KontoraError):
    status = 401
    code = "not_authenticated"


class Forbidden(KontoraError):
    """The principal lacks the permission, or a record rule hides the record."""

    status = 403
    code = "forbidden"


class NotFound(KontoraError):
    status = 404
    code = "not_found"


class Conflict(KontoraError):
    """The record changed since it was read, or the action clashes with its state."""

    status = 409
    code = "conflict"


class DatabaseBusy(KontoraError):
    """The database stayed locked by other writers past the busy timeout (SQLite): nothing
    was saved, and the same request is likely to pass in a moment."""

    status = 503
    code = "database_busy"
    headers = {"Retry-After": "5"}

    def __init__(self) -> None:
        # Raised from the engine's error hook, where choosing the user's language (which
        # may read the database) is not allowed: translated only when shown.
        Exception.__init__(self, "the database is busy")
        self.fields = {}

    @property  # type: ignore[override]
    def message(self) -> str:
        return _("The database is busy with other changes; nothing was saved. Please try "
                 "again in a few seconds.")


class DatabaseUnavailable(KontoraError):
    """The database server cannot be reached (stopped, restarting, cut off): nothing was
    saved, and the same request will pass once the server is back."""

    status = 503
    code = "database_unavailable"
    headers = {"Retry-After": "10"}

    def __init__(self) -> None:
        Exception.__init__(self, "the database cannot be reached")
        self.fields = {}

    @property  # type: ignore[override]
    def message(self) -> str:
        return _("The database cannot be reached right now; nothing was saved. Please try "
                 "again in a moment.")


class PluginError(RuntimeError):
    """The enabled plugin set cannot start; the message names the plugins involved."""
