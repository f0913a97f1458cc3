"""Identity and permissions: users, sign-in, roles, teams, record rules, API tokens."""

from __future__ import annotations

from typing import Any

from core.accounts.admin_api import bp as admin_api_bp
from core.accounts.api import bp as me_api_bp
from core.accounts.reset import RESET_JOB, send_reset_link
from core.accounts.views import bp as identity_bp
from core.contents import Contents
from core.hookspecs import hookimpl
from core.i18n import lazy_gettext as _l
from core.identity.cli import roles_group, users_group
from core.identity.setup import init_identity
from core.kernel import kontora
from core.permissions.catalogue import build_catalogue
from core.permissions.views import bp as admin_bp

contents = Contents(
    models=["core.identity.models", "core.permissions.models"],
    permissions=[("core.admin", _l("Administer users, roles, teams and the audit log"))],
    blueprints=[identity_bp, admin_bp],
    api_blueprints=[me_api_bp, admin_api_bp],
    menu=[
        {"label": _l("Users"), "endpoint": "permissions.users", "group": _l("Administration"),
         "order": 900, "permission": "core.admin", "icon": "people"},
        {"label": _l("Roles"), "endpoint": "permissions.roles", "group": _l("Administration"),
         "order": 910, "permission": "core.admin", "icon": "shield-lock"},
        {"label": _l("Teams"), "endpoint": "permissions.teams", "group": _l("Administration"),
         "order": 920, "permission": "core.admin", "icon": "diagram-3"},
    ],
    cli_commands=[users_group, roles_group],
    # the reset mail is a job, so a request does the same work whatever login it names
    jobs={RESET_JOB: send_reset_link},
    after_upgrade=["core.permissions:seed_roles"],
    demo_data=["core.permissions:seed_roles"],
)


@hookimpl
def kontora_app_setup(app: Any) -> None:
    settings = kontora(app).settings
    init_identity(app, settings.base_url, settings.redis_url)
    build_catalogue(app)



