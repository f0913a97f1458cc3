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
