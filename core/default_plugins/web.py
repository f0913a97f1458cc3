"""The staff web shell: layout, navigation, search, notifications, error pages, generic views."""

from __future__ import annotations

from typing import Any

from core.hookspecs import hookimpl


@hookimpl
def kontora_models() -> None:
    import core.web.models  # noqa: F401


@hookimpl
def kontora_blueprints() -> list:
    from core.web.blueprint import make_blueprint

    return [make_blueprint()]


@hookimpl
def kontora_app_setup(app: Any) -> None:
    from core.web.setup import init_app

    init_app(app)


@hookimpl
def kontora_search_providers() -> list:
    from core.web.generic.search import search_crud_kinds

    return [search_crud_kinds]
