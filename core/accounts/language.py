"""The language switcher: remember the choice in the session and, when signed in, as preference."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, redirect, request, session
from werkzeug.wrappers import Response

from core.errors import ValidationError
from core.i18n import LANGUAGES, gettext
from core.identity import current_principal
from core.identity.locale import SESSION_KEY
from core.identity.users import set_preferences

bp = Blueprint("i18n", __name__, url_prefix="/i18n", template_folder="templates")


def _local_target(target: str | None) -> str:
    """Only a path on this site: an absolute or protocol-relative URL would be an open redirect."""
    if not target:
        return request.referrer if _is_local(request.referrer) else "/"
    return target if _is_local(target) else "/"


def _is_local(target: str | None) -> bool:
    if not target:
        return False
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return parts.netloc == request.host and parts.scheme in ("http", "https")
    return target.startswith("/") and not target.startswith("//") and "\\" not in target


@bp.post("/language")
def switch_language() -> Response:
    language = request.form.get("language", "")
    if language not in LANGUAGES:
        reason = gettext("Choose one of the offered languages.")
        raise ValidationError(gettext("This language is not available."),
                              fields={"language": [reason]})
    session[SESSION_KEY] = language
    principal = current_principal()
    if principal is not None:  # keep it on the account too, so it follows the user

        set_preferences(principal, {"language": language})
    return redirect(_local_target(request.form.get("next")))
