"""Manifest and hooks of the ``parties`` plugin: the table of contents."""

from __future__ import annotations

from typing import Any

from core import Manifest, hookimpl
from core.i18n import lazy_gettext as _l

manifest = Manifest(
    name="parties",
    title="Clients and contacts",
    version="1.0",
    depends=[],
    description="Clients (companies, sole traders, private persons) with validated "
    "requisites, contact persons, addresses by use, tags, groups and custom fields.",
)

PERMISSIONS = [
    ("parties.read", _l("See clients and contacts")),
    ("parties.write", _l("Create and change clients and contacts")),
    ("parties.delete", _l("Delete clients and contacts")),
    ("parties.merge", _l("Merge duplicate clients")),
    ("parties.import", _l("Import clients and contacts")),
    ("parties.export", _l("Export clients and contacts")),
]


@hookimpl
def kontora_models() -> None:
    import plugins.parties.models  # noqa: F401


@hookimpl
def kontora_record_kinds() -> list:
    from plugins.parties.kinds import record_kinds

    return record_kinds()


@hookimpl
def kontora_declare_signals(events: Any) -> None:
    from plugins.parties.signals import SIGNALS

    for name, doc in SIGNALS.items():
        events.declare(name, doc)


@hookimpl
def kontora_permissions() -> list[tuple[str, Any]]:
    return list(PERMISSIONS)


@hookimpl
def kontora_default_roles() -> dict[str, list[str]]:
    return {
        "sales_manager": [code for code, _label in PERMISSIONS],
        "salesperson": ["parties.read", "parties.write", "parties.export"],
        "accountant": ["parties.read", "parties.export"],
        "logistics": ["parties.read"],
    }


@hookimpl
def kontora_app_setup(app: Any) -> None:
    from plugins.parties.labels import FIELD_TITLES, choice_label, choices

    app.jinja_env.globals.update(party_choice=choice_label, party_choices=choices,
                                 party_field_title=lambda name: FIELD_TITLES[name])


@hookimpl
def kontora_blueprints() -> list:
    from plugins.parties import export_views, import_views, merge_views, record_views, views

    return [views.bp, merge_views.bp, record_views.bp, import_views.bp, export_views.bp]


@hookimpl
def kontora_api_blueprints() -> list:
    from plugins.parties.api import bp

    return [bp]


@hookimpl
def kontora_menu_entries() -> list[dict]:
    from core.i18n import lazy_gettext as _l

    return [{"label": _l("Clients"), "endpoint": "parties.clients", "group": _l("Clients"),
             "order": 10, "permission": "parties.read", "icon": "building"},
            {"label": _l("Import"), "endpoint": "parties_imports.imports",
             "group": _l("Clients"), "order": 15, "permission": "parties.import",
             "icon": "upload"}]


@hookimpl
def kontora_profile_sections(party_id: int) -> list[dict[str, Any]]:
    from plugins.parties.sections import profile_sections

    return profile_sections(party_id)


@hookimpl
def kontora_jobs() -> dict[str, Any]:
    from plugins.parties.imports.runner import run_import
    from plugins.parties.vies import check_vat

    return {"parties.check-vat": check_vat, "parties.import": run_import}


@hookimpl
def kontora_merge_records(kind: str, source_id: int, target_id: int,
                          session: Any) -> list[dict[str, Any]]:
    from plugins.parties.merge import move_client_rows

    return move_client_rows(kind, source_id, target_id, session)


@hookimpl
def kontora_demo_data(session: Any) -> None:
    from plugins.parties.demo import add_demo_clients

    add_demo_clients(session)
