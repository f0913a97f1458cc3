"""Client links as a default plugin: the table, ``/l/<token>``, the purposes plugins serve."""

from __future__ import annotations

from typing import Any

from core.hookspecs import hookimpl


@hookimpl
def kontora_models() -> None:
    import core.links.models  # noqa: F401


@hookimpl
def kontora_permissions() -> list[tuple[str, str]]:
    from core.i18n import lazy_gettext as _l

    return [("core.links.manage", _l("See and withdraw client links"))]


@hookimpl
def kontora_blueprints() -> list[Any]:
    from core.links.views import bp

    return [bp]


@hookimpl
def kontora_app_setup(app: Any) -> None:
    from core.kernel import kontora
    from core.links.views import install

    install(app, kontora(app).collect_dict("kontora_link_purposes"))


@hookimpl
def kontora_api_blueprints() -> list[Any]:
    from core.links.api import bp

    return [bp]
