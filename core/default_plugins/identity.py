"""Identity and permissions: users, sign-in, roles, teams, record rules, API tokens."""

from __future__ import annotations

from typing import Any

from core.hookspecs import hookimpl


@hookimpl
def kontora_models() -> None:
    import core.identity.models
    import core.permissions.models  # noqa: F401


@hookimpl
def kontora_permissions() -> list[tuple[str, str]]:
    from core.i18n import lazy_gettext as _l

    return [("core.admin", _l("Administer users, roles, teams and the audit log"))]


@hookimpl
def kontora_blueprints() -> list[Any]:
    from core.identity.views import bp as identity
    from core.permissions.views import bp as admin

    return [identity, admin]


@hookimpl
def kontora_menu_entries() -> list[dict[str, Any]]:
    from core.i18n import lazy_gettext as _l

    admin = _l("Administration")
    return [
        {"label": _l("Users"), "endpoint": "permissions.users", "group": admin, "order": 900,
         "permission": "core.admin", "icon": "people"},
        {"label": _l("Roles"), "endpoint": "permissions.roles", "group": admin, "order": 910,
         "permission": "core.admin", "icon": "shield-lock"},
        {"label": _l("Teams"), "endpoint": "permissions.teams", "group": admin, "order": 920,
         "permission": "core.admin", "icon": "diagram-3"},
    ]


@hookimpl
def kontora_cli_commands() -> list[Any]:
    from core.cli.users import roles_group, users_group

    return [users_group, roles_group]


@hookimpl
def kontora_app_setup(app: Any) -> None:
    from core.identity.setup import init_identity
    from core.kernel import kontora
    from core.permissions.catalogue import build_catalogue

    settings = kontora(app).settings
    init_identity(app, settings.base_url, settings.redis_url)
    build_catalogue(app)


@hookimpl
def kontora_after_upgrade(session: Any) -> None:
    from core.permissions import seed_roles

    seed_roles(session)


@hookimpl
def kontora_demo_data(session: Any) -> None:
    from core.permissions import seed_roles

    seed_roles(session)
