"""Manifest and hooks of the ``partner_demo`` plugin.

Only ``core`` is imported here; models and views load inside the hooks, so a disabled
plugin's modules are never imported.
"""

from __future__ import annotations

from typing import Any

from core import Manifest, hookimpl

manifest = Manifest(
    name="partner_demo",
    title="Partner demo",
    version="1.0.0",
    depends=[],
    description="Greetings from a separately installed package.",
)


@hookimpl
def kontora_models() -> None:
    from kontora_partner_demo import models  # noqa: F401


@hookimpl
def kontora_blueprints() -> list:
    from kontora_partner_demo.views import bp

    return [bp]


@hookimpl
def kontora_menu_entries() -> list[dict[str, Any]]:
    return [{"label": "Greetings", "endpoint": "partner_demo.index", "group": "Partner demo",
             "order": 90, "permission": "partner_demo.read"}]


@hookimpl
def kontora_permissions() -> list[tuple[str, str]]:
    return [("partner_demo.read", "Read greetings")]


@hookimpl
def kontora_signal_receivers(events: Any) -> None:
    from kontora_partner_demo.receivers import remember_start

    events.connect("core.app-ready", remember_start)
