"""What every page's template may call: the principal, the menu, the bell, the user menu.

Installed as Jinja globals (functions, evaluated only by the templates that use them), so
pages that never show the shell — e-mails, PDFs — pay nothing.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, g, request, url_for
from flask_wtf.csrf import generate_csrf
from sqlalchemy.exc import SQLAlchemyError

from core.company import company_profile
from core.db.session import current_session
from core.i18n import get_locale
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.web.menu import navigation
from core.web.notifications import unread_count
from core.web.pickers import web_picked_label

# (endpoint, label, bootstrap icon, sent by POST) of the user menu; missing endpoints are skipped.
USER_MENU = (
    ("identity.preferences", _l("Preferences"), "sliders", False),
    ("identity.tokens", _l("API tokens"), "key", False),
    ("identity.logout", _l("Log out"), "box-arrow-right", True),
)


def url_for_if(endpoint: str, **values: Any) -> str | None:
    """``url_for(endpoint)``, or ``None`` when no enabled plugin provides that endpoint."""
    if endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, **values)


def web_principal() -> Any:
    return current_principal()


def web_user_name() -> str:
    principal = web_principal()
    return str(getattr(principal, "name", "") or "")


def web_company_name() -> str:
    """The company's name from its profile for the menu bar; "Kontora" until it is filled
    in, and on pages drawn without a working database (an error page about the database)."""
    if "kontora_company" not in g:
        name = ""
        if current_session() is not None:
            try:
                name = company_profile().name
            except SQLAlchemyError:
                name = ""
        g.kontora_company = name or "Kontora"
    return g.kontora_company


def web_nav() -> list:
    if "kontora_nav" not in g:
        g.kontora_nav = navigation(current_app, web_principal(), request.path)
    return g.kontora_nav


def web_unread_count() -> int:
    principal = web_principal()
    user_id = getattr(principal, "user_id", None)
    return unread_count(user_id) if user_id is not None else 0


def web_user_menu() -> list[dict[str, Any]]:
    items = []
    for endpoint, label, icon, post in USER_MENU:
        url = url_for_if(endpoint)
        if url is not None:
            items.append({"url": url, "label": label, "icon": icon, "post": post,
                          "divider": post and bool(items)})
    return items


def web_language() -> str:
    locale = get_locale()
    return locale.language if locale is not None else "en"


def install(app: Flask) -> None:
    app.jinja_env.globals.update(
        url_for_if=url_for_if,
        web_principal=web_principal,
        web_user_name=web_user_name,
        web_company_name=web_company_name,
        web_nav=web_nav,
        web_unread_count=web_unread_count,
        web_user_menu=web_user_menu,
        web_language=web_language,
        web_picked_label=web_picked_label,
    )
    if "csrf_token" not in app.jinja_env.globals:
        app.jinja_env.globals["csrf_token"] = generate_csrf
