"""Conversions: the link table, the convert route and buttons, the API endpoints, the signal."""

from __future__ import annotations

from typing import Any

from core.hookspecs import hookimpl

SIGNALS = {
    "core.record-converted": "A record was converted into a new one. Sender: the source's "
    "record kind. Keyword arguments: record_id, target_kind, target_id, user_id.",
}


@hookimpl
def kontora_models() -> None:
    import core.conversions.models  # noqa: F401


@hookimpl
def kontora_declare_signals(events: Any) -> None:
    for name, doc in SIGNALS.items():
        events.declare(name, doc)


@hookimpl
def kontora_blueprints() -> list:
    from core.conversions.views import bp

    return [bp]


@hookimpl
def kontora_api_blueprints() -> list:
    from core.conversions.api import bp

    return [bp]


@hookimpl
def kontora_app_setup(app: Any) -> None:
    from core.conversions.registry import build_registry
    from core.conversions.views import install

    build_registry(app)
    install(app)
