"""Numbering series as a default plugin: tables, permissions, default series from plugins."""

from __future__ import annotations

from typing import Any

from core.hookspecs import hookimpl


@hookimpl
def kontora_models() -> None:
    import core.numbering.models  # noqa: F401


@hookimpl
def kontora_permissions() -> list[tuple[str, str]]:
    from core.i18n import lazy_gettext as _l

    return [("core.numbering.admin", _l("Manage numbering series")),
            ("core.numbering.audit", _l("See the numbers issued and the gap report"))]


@hookimpl
def kontora_default_roles() -> dict[str, list[str]]:
    return {"accountant": ["core.numbering.audit"]}


@hookimpl
def kontora_after_upgrade(session: Any) -> None:
    _seed(session)


@hookimpl
def kontora_demo_data(session: Any) -> None:
    _seed(session)


def _seed(session: Any) -> None:
    from core.kernel import kontora
    from core.numbering.series import seed_series

    seed_series(session, kontora().collect("kontora_number_series"))


@hookimpl
def kontora_blueprints() -> list[Any]:
    from core.numbering.views import bp

    return [bp]


@hookimpl
def kontora_api_blueprints() -> list[Any]:
    from core.numbering.api import bp

    return [bp]


@hookimpl
def kontora_menu_entries() -> list[dict[str, Any]]:
    from core.i18n import lazy_gettext as _l

    return [{"label": _l("Numbering series"), "endpoint": "numbering.index",
             "group": _l("Administration"), "order": 955,
             "permission": "core.numbering.audit", "icon": "123"}]
