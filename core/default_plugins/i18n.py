"""Four interface languages: catalogs, locale selection, format filters, switcher, CLI."""

from __future__ import annotations

from typing import Any

from core.hookspecs import hookimpl


@hookimpl
def kontora_app_setup(app: Any) -> None:
    from core.i18n.setup import init_app

    init_app(app)


@hookimpl
def kontora_blueprints() -> list:
    from core.i18n.views import bp

    return [bp]


@hookimpl
def kontora_cli_commands() -> list:
    from core.i18n.cli import i18n_group

    return [i18n_group]
