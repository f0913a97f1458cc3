"""Manifest, contents and behaviour hooks of the ``parties`` plugin."""

from __future__ import annotations

from typing import Any

from core import Contents, Manifest, hookimpl
from core.i18n import lazy_gettext as _l
from plugins.parties.labels import FIELD_TITLES, choice_label, choices
from plugins.parties.merge import move_client_rows
from plugins.parties.sections import profile_sections

manifest = Manifest(
    name="parties",
    title="Clients and contacts",
    version="1.0",
    depends=[],
    description="Clients (companies, sole traders, private persons) with validated "
    "requisites, contact persons, addresses by use, tags, groups and custom fields.",
)

contents = Contents(
    models=["plugins.parties.models"],
    record_kinds=["plugins.parties.kinds:record_kinds"],
    signals=["plugins.parties.signals:SIGNALS"],
    permissions=[
        ("parties.read", _l("See clients and contacts")),
        ("parties.write", _l("Create and change clients and contacts")),
        ("parties.delete", _l("Delete clients and contacts")),
        ("parties.merge", _l("Merge duplicate clients")),
        ("parties.import", _l("Import clients and contacts")),
        ("parties.export", _l("Export clients and contacts")),
    ],
    roles={
        "sales_manager": ["parties.*"],
        "salesperson": ["parties.read", "parties.write", "parties.export"],
        "accountant": ["parties.read", "parties.export"],
        "logistics": ["parties.read"],
    },
    blueprints=["plugins.parties.views:bp", "plugins.parties.merge_views:bp",
                "plugins.parties.record_views:bp", "plugins.parties.import_views:bp",
                "plugins.parties.export_views:bp"],
    api_blueprints=["plugins.parties.api:bp", "plugins.parties.people_api:bp",
                    "plugins.parties.page_api:bp",
                    "plugins.parties.import_api:bp"],
    menu=[{"label": _l("Clients"), "endpoint": "parties.clients", "group": _l("Clients"),
           "order": 10, "permission": "parties.read", "icon": "building"},
          {"label": _l("Import"), "endpoint": "parties_imports.imports",
           "group": _l("Clients"), "order": 15, "permission": "parties.import",
           "icon": "upload"}],
    jobs={"parties.check-vat": "plugins.parties.vies:check_vat",
          "parties.import": "plugins.parties.imports.runner:run_import"},
    demo_data=["plugins.parties.demo:add_demo_clients"],
)


@hookimpl
def kontora_app_setup(app: Any) -> None:
    app.jinja_env.globals.update(party_choice=choice_label, party_choices=choices,
                                 party_field_title=lambda name: FIELD_TITLES[name])


@hookimpl
def kontora_profile_sections(party_id: int) -> list[dict[str, Any]]:
    return profile_sections(party_id)


@hookimpl
def kontora_merge_records(kind: str, source_id: int, target_id: int,
                          session: Any) -> list[dict[str, Any]]:
    return move_client_rows(kind, source_id, target_id, session)

