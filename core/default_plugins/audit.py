"""The audit log and the generic record services' signals."""

from __future__ import annotations

from typing import Any

from core.hookspecs import hookimpl


@hookimpl
def kontora_models() -> None:
    import core.audit.models  # noqa: F401


@hookimpl
def kontora_declare_signals(events: Any) -> None:
    from core.services.records import RECORD_SIGNALS

    for name, doc in RECORD_SIGNALS.items():
        events.declare(name, doc)


@hookimpl
def kontora_blueprints() -> list[Any]:
    from core.audit.views import bp

    return [bp]


@hookimpl
def kontora_menu_entries() -> list[dict[str, Any]]:
    from core.i18n import lazy_gettext as _l

    return [{"label": _l("Audit log"), "endpoint": "audit.index", "group": _l("Administration"),
             "order": 930, "permission": "core.admin", "icon": "journal-text"}]


@hookimpl
def kontora_app_setup(app: Any) -> None:
    from core.audit import trail
    from core.audit.capture import install
    from core.kernel import kontora

    k = kontora(app)
    install(k.db.Session, k.kinds)
    app.add_template_global(trail, "audit_trail")
