"""Manifest, contents and behaviour hooks of the ``leads`` plugin."""

from __future__ import annotations

from typing import Any

from core import Contents, Manifest, hookimpl
from core.i18n import lazy_gettext as _l
from core.kernel import kontora
from plugins.leads.history import install
from plugins.leads.panels import profile_sections, record_panels
from plugins.leads.portal_views import portal_sections
from plugins.leads.services.calculator import document_content

manifest = Manifest(
    name="leads",
    title="Leads and the sales pipeline",
    version="1.0",
    depends=["parties", "catalog", "activities"],
    description="Leads with configurable pipelines and a kanban board, conversion to "
    "clients, a cost calculator, web forms and a website API, questionnaires and the "
    "sales funnel report.",
)

contents = Contents(
    models=["plugins.leads.models", "plugins.leads.mailbox.models"],
    record_kinds=["plugins.leads.kinds:record_kinds"],
    signals=["plugins.leads.signals:SIGNALS"],
    receivers=[("offers.offer-accepted", "plugins.leads.services.convert:on_offer_accepted")],
    permissions=[
        ("leads.read", _l("See leads")),
        ("leads.write", _l("Create and change leads, move them between stages")),
        ("leads.delete", _l("Delete leads")),
        ("leads.convert", _l("Convert leads to clients")),
        ("leads.create", _l("Create leads through the website API")),
        ("leads.forms.admin", _l("Design web forms, pipelines, lost reasons and questionnaires")),
        ("leads.reports", _l("See the sales funnel reports")),
        ("leads.mailbox.read", _l("Read the company mailbox and turn messages into leads")),
        ("leads.mailbox.admin", _l("Set up the company mailboxes, fetch them, retry or discard "
                                   "quarantined mail and keep the block list")),
    ],
    roles={
        "sales_manager": ["leads.*"],
        "salesperson": ["leads.read", "leads.write", "leads.convert", "leads.mailbox.read"],
        "accountant": ["leads.read", "leads.reports"],
    },
    blueprints=["plugins.leads.views:bp", "plugins.leads.mailbox.views:bp",
                "plugins.leads.mailbox.admin_views:bp", "plugins.leads.portal_views:bp",
                "plugins.leads.portal_views:questionnaires_bp"],
    api_blueprints=["plugins.leads.api:bp", "plugins.leads.mailbox.api:bp",
                    "plugins.leads.mailbox.inbox_api:bp", "plugins.leads.reports_api:bp",
                    "plugins.leads.questionnaire_api:bp", "plugins.leads.settings_api:bp",
                    "plugins.leads.webform_api:bp"],
    menu=[
        {"label": _l("Sales board"), "endpoint": "leads.board", "group": _l("Sales"),
         "order": 11, "permission": "leads.read", "icon": "kanban"},
        {"label": _l("Leads"), "endpoint": "leads.lead_list", "group": _l("Sales"), "order": 12,
         "permission": "leads.read", "icon": "funnel"},
        {"label": _l("Company mailbox"), "endpoint": "leads_mailbox.inbox", "group": _l("Sales"),
         "order": 13, "permission": "leads.mailbox.read", "icon": "envelope"},
        {"label": _l("Sales funnel"), "endpoint": "leads.reports", "group": _l("Sales"),
         "order": 14, "permission": "leads.reports", "icon": "bar-chart"},
        {"label": _l("Web forms"), "endpoint": "leads.forms", "group": _l("Sales"), "order": 15,
         "permission": "leads.forms.admin", "icon": "ui-checks"},
        {"label": _l("Questionnaires"), "endpoint": "leads.questionnaires", "group": _l("Sales"),
         "order": 16, "permission": "leads.forms.admin", "icon": "patch-question"},
        {"label": _l("Pipelines"), "endpoint": "leads.settings", "group": _l("Sales"),
         "order": 17, "permission": "leads.forms.admin", "icon": "sliders"},
    ],
    link_purposes={"leads.questionnaire": "leads.questionnaire_public"},
    jobs={"leads.poll-mailbox": "plugins.leads.mailbox.jobs:poll"},
    periodic_jobs=["plugins.leads.mailbox.jobs:PERIODIC"],
    cli_commands=["plugins.leads.mailbox.cli:mailbox_group"],
    after_upgrade=["plugins.leads.seed:seed_defaults"],
    demo_data=["plugins.leads.demo:add_demo_leads"],
)


@hookimpl
def kontora_app_setup(app: Any) -> None:
    install(kontora(app).db.Session)


@hookimpl
def kontora_record_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    return record_panels(kind, record_id)


@hookimpl
def kontora_profile_sections(party_id: int) -> list[dict[str, Any]]:
    return profile_sections(party_id)


@hookimpl
def kontora_document_content(kind: str, record_id: int) -> dict[str, Any] | None:
    if kind != "leads.lead":
        return None

    return document_content(kind, record_id)


@hookimpl
def kontora_home_cards(principal: Any) -> list[dict[str, Any]]:
    from plugins.leads.home import leads_card

    return leads_card(principal)


@hookimpl
def kontora_portal_sections() -> list[dict[str, Any]]:
    return portal_sections()
