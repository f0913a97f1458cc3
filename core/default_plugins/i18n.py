"""Four interface languages: catalogs, locale selection, format filters, switcher, CLI."""

from __future__ import annotations

from typing import Any

from core.accounts.language import bp
from core.contents import Contents
from core.hookspecs import hookimpl
from core.i18n.cli import i18n_group
from core.i18n.setup import init_app
from core.identity.locale import select_locale, select_timezone

contents = Contents(blueprints=[bp], cli_commands=[i18n_group])


@hookimpl
def kontora_app_setup(app: Any) -> None:
    init_app(app, select_locale, select_timezone)
