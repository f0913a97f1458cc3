"""Conversions: the link table, the convert route and buttons, the API endpoints, the signal."""

from __future__ import annotations

from typing import Any

from core.contents import Contents
from core.conversions.api import bp as api_bp
from core.conversions.registry import build_registry
from core.conversions.views import bp, install
from core.hookspecs import hookimpl

SIGNALS = {
    "core.record-converted": "A record was converted into a new one. Sender: the source's "
    "record kind. Keyword arguments: record_id, target_kind, target_id, user_id.",
}

contents = Contents(models=["core.conversions.models"], signals=[f"{__name__}:SIGNALS"],
                    blueprints=[bp], api_blueprints=[api_bp])


@hookimpl
def kontora_app_setup(app: Any) -> None:
    build_registry(app)
    install(app)
