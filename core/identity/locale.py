"""Which language and time zone a request is served in.

Language, first match wins:
1. the signed-in principal's saved preference (``Principal.language``);
2. the choice made with the language switcher in this browser session;
3. the browser's ``Accept-Language`` header;
4. ``KONTORA_LANGUAGE``.
Time zone: the principal's preference, else ``KONTORA_TIMEZONE``. Outside a request (CLI,
jobs) the settings apply; a job writing to a user wraps its work in ``force_locale``.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import has_request_context, request, session

from core.i18n import LANGUAGES
from core.identity import current_principal
from core.kernel import kontora

SESSION_KEY = "kontora_language"


def select_locale() -> str:
    """The language code for the current request (see the module docstring for the order)."""
    preferred = getattr(current_principal(), "language", None)
    if preferred in LANGUAGES:
        return preferred
    if has_request_context():
        chosen = session.get(SESSION_KEY)
        if chosen in LANGUAGES:
            return chosen
        accepted = request.accept_languages.best_match(list(LANGUAGES))
        if accepted:
            return accepted
    return kontora().settings.language


def select_timezone() -> str:
    """The IANA time zone name for the current request."""
    preferred = getattr(current_principal(), "timezone", None)
    if preferred:
        try:
            ZoneInfo(preferred)
            return preferred
        except (ZoneInfoNotFoundError, ValueError):
            pass  # a zone dropped from tzdata since it was saved: fall back to the default
    return kontora().settings.timezone
