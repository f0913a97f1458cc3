"""The REST API base: its OpenAPI document and interactive docs under ``/api/v1``."""

from __future__ import annotations

from core.hookspecs import hookimpl


@hookimpl
def kontora_api_blueprints() -> list:
    from core.api.views import bp

    return [bp]


@hookimpl
def kontora_blueprints() -> list:
    from core.api.views import assets

    return [assets]
