"""Manifest and hooks of the ``leads`` plugin: the table of contents."""

from __future__ import annotations

from typing import Any

from core import Manifest, hookimpl
from core.i18n import lazy_gettext as _l

manifest = Manifest(
    name="leads",
    title="Leads and the sales pipeline",
    version="1.0",
    depends=["parties", "catalog", "activities"],
    description="Leads with configurable pipelines and a kanban board, conversion to "
    "clients, a cost calculator, web forms and a website API, questionnaires and the "
    "sales funnel report.",
)

PERMISSIONS = [
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
]


@hookimpl
def kontora_models() -> None:
    import plugins.leads.mailbox.models
    import plugins.leads.models  # noqa: F401


@hookimpl
def kontora_record_kinds() -> list:
    from plugins.leads.kinds import record_kinds

    return record_kinds()


@hookimpl
def kontora_app_setup(app: Any) -> None:
    from core.kernel import kontora
    from plugins.leads.history import install

    install(kontora(app).db.Session)


@hookimpl
def kontora_declare_signals(events: Any) -> None:
    from plugins.leads.signals import SIGNALS

    for name, doc in SIGNALS.items():
        events.declare(name, doc)


@hookimpl
def kontora_permissions() -> list[tuple[str, Any]]:
    return list(PERMISSIONS)


@hookimpl
def kontora_default_roles() -> dict[str, list[str]]:
    return {
        "sales_manager": [code for code, _label in PERMISSIONS],
        "salesperson": ["leads.read", "leads.write", "leads.convert", "leads.mailbox.read"],
        "accountant": ["leads.read", "leads.reports"],
    }


@hookimpl
def kontora_after_upgrade(session: Any) -> None:
    from plugins.leads.seed import seed_defaults

    seed_defaults(session)


@hookimpl
def kontora_jobs() -> dict[str, Any]:
    from plugins.leads.mailbox import jobs as mailbox_jobs

    return {mailbox_jobs.JOB: mailbox_jobs.poll}


@hookimpl
def kontora_cli_commands() -> list[Any]:
    from plugins.leads.mailbox.cli import mailbox_group

    return [mailbox_group]


@hookimpl
def kontora_periodic_jobs() -> list[Any]:
    from plugins.leads.mailbox.jobs import PERIODIC

    return [PERIODIC]


@hookimpl
def kontora_signal_receivers(events: Any) -> None:
    from plugins.leads.services.convert import on_offer_accepted

    events.connect("offers.offer-accepted", on_offer_accepted)


@hookimpl
def kontora_blueprints() -> list:
    from plugins.leads.mailbox.admin_views import bp as mailbox_admin_bp
    from plugins.leads.mailbox.views import bp as mailbox_bp
    from plugins.leads.views import bp

    return [bp, mailbox_bp, mailbox_admin_bp]


@hookimpl
def kontora_menu_entries() -> list[dict]:
    group = _l("Sales")
    return [
        {"label": _l("Sales board"), "endpoint": "leads.board", "group": group, "order": 11,
         "permission": "leads.read", "icon": "kanban"},
        {"label": _l("Leads"), "endpoint": "leads.lead_list", "group": group, "order": 12,
         "permission": "leads.read", "icon": "funnel"},
        {"label": _l("Company mailbox"), "endpoint": "leads_mailbox.inbox", "group": group,
         "order": 13, "permission": "leads.mailbox.read", "icon": "envelope"},
        {"label": _l("Sales funnel"), "endpoint": "leads.reports", "group": group,
         "order": 14, "permission": "leads.reports", "icon": "bar-chart"},
        {"label": _l("Web forms"), "endpoint": "leads.forms", "group": group, "order": 15,
         "permission": "leads.forms.admin", "icon": "ui-checks"},
        {"label": _l("Questionnaires"), "endpoint": "leads.questionnaires", "group": group,
         "order": 16, "permission": "leads.forms.admin", "icon": "patch-question"},
        {"label": _l("Pipelines"), "endpoint": "leads.settings", "group": group,
         "order": 17, "permission": "leads.forms.admin", "icon": "sliders"},
    ]


@hookimpl
def kontora_record_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    from plugins.leads.panels import record_panels

    return record_panels(kind, record_id)


@hookimpl
def kontora_profile_sections(party_id: int) -> list[dict[str, Any]]:
    from plugins.leads.panels import profile_sections

    return profile_sections(party_id)


@hookimpl
def kontora_link_purposes() -> dict[str, str]:
    from plugins.leads.services.questionnaires import PURPOSE

    return {PURPOSE: "leads.questionnaire_public"}


@hookimpl
def kontora_document_content(kind: str, record_id: int) -> dict[str, Any] | None:
    if kind != "leads.lead":
        return None
    from plugins.leads.services.calculator import document_content

    return document_content(kind, record_id)


@hookimpl
def kontora_demo_data(session: Any) -> None:
    from plugins.leads.demo import add_demo_leads

    add_demo_leads(session)


@hookimpl
def kontora_api_blueprints() -> list:
    from plugins.leads.api import bp
    from plugins.leads.mailbox.api import bp as mailbox_bp

    return [bp, mailbox_bp]
