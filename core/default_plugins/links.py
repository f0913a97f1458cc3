"""Client links as a default plugin: the table, ``/l/<token>``, the purposes plugins serve."""

from __future__ import annotations

from typing import Any

from core.contents import Contents
from core.hookspecs import hookimpl
from core.i18n import lazy_gettext as _l
from core.kernel import kontora
from core.links.api import bp as api_bp
from core.links.views import bp, install

contents = Contents(
    models=["core.links.models"],
    permissions=[("core.links.manage", _l("See and withdraw client links"))],
    blueprints=[bp],
    api_blueprints=[api_bp],
)


@hookimpl
def kontora_app_setup(app: Any) -> None:
    install(app, kontora(app).collect_dict("kontora_link_purposes"))
