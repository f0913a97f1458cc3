"""The staff web shell: layout, navigation, search, notifications, error pages, generic views."""

from __future__ import annotations

from typing import Any

from core.contents import Contents
from core.hookspecs import hookimpl
from core.web.blueprint import make_blueprint
from core.web.generic.search import search_record_kinds
from core.web.notifications_api import bp as notifications_api_bp
from core.web.setup import init_app

contents = Contents(models=["core.web.models"], search_providers=[search_record_kinds],
                    api_blueprints=[notifications_api_bp])


@hookimpl
def kontora_blueprints() -> list[Any]:
    """A blueprint made per application: its routes close over nothing shared."""
    return [make_blueprint()]


@hookimpl
def kontora_app_setup(app: Any) -> None:
    init_app(app)
