"""Manifest, contents and behaviour hooks of the ``complaints`` plugin.

A complaint names what it is about by record kind and id (an order, an invoice, a
shipment, a product), checked through the kernel's record kinds, so the plugin needs
neither invoicing nor shipping. Photos are the activities plugin's attachments.
"""

from __future__ import annotations

from typing import Any

from core import Contents, Manifest, hookimpl
from core.i18n import lazy_gettext as _l
from core.web.generic.sections import records_section
from plugins.complaints.panels import record_panels
from plugins.complaints.portal_views import portal_sections
from plugins.complaints.services.portal import order_documents

manifest = Manifest(
    name="complaints",
    title="Complaints",
    version="1.0",
    depends=["parties", "catalog", "activities", "orders"],
    description="Complaints and returns about an order, invoice, shipment or product, with "
    "photos and drawings, a reference number, an assignee and a deadline, a review and "
    "decision workflow, notices to the people concerned, services for the client portal "
    "and a report by product, client and cause with resolution times.",
)

contents = Contents(
    models=["plugins.complaints.models"],
    record_kinds=["plugins.complaints.kinds:record_kinds"],
    signals=["plugins.complaints.signals:SIGNALS"],
    permissions=[
        ("complaints.read", _l("See complaints and their report")),
        ("complaints.write", _l("Enter and change complaints, add photos, start reviews")),
        ("complaints.decide", _l("Accept, reject and resolve complaints")),
    ],
    roles={
        "sales_manager": ["complaints.*"],
        "salesperson": ["complaints.read", "complaints.write"],
        "accountant": ["complaints.read"],
        "logistics": ["complaints.read", "complaints.write"],
    },
    blueprints=["plugins.complaints.views:bp", "plugins.complaints.views:public_bp",
                "plugins.complaints.portal_views:bp"],
    api_blueprints=["plugins.complaints.api:bp"],
    menu=[
        {"label": _l("Complaints"), "endpoint": "complaints.complaint_list",
         "group": _l("Sales"), "order": 45, "permission": "complaints.read",
         "icon": "exclamation-octagon"},
        {"label": _l("Complaints report"), "endpoint": "complaints.report",
         "group": _l("Reports"), "order": 845, "permission": "complaints.read",
         "icon": "bar-chart"},
    ],
    number_series=[{"code": "complaints", "kind": "complaints.complaint",
                    "label": _l("Complaints"), "pattern": "REC-{year}-{seq:05d}",
                    "yearly_reset": True}],
    link_purposes={"complaints.view": "complaints_public.view"},
    demo_data=["plugins.complaints.demo:add_demo_complaints"],
)


@hookimpl
def kontora_record_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    return record_panels(kind, record_id)


@hookimpl
def kontora_profile_sections(party_id: int) -> list[dict[str, Any]]:
    return records_section("complaints.complaint", "party_id", party_id, title=_l("Complaints"),
                           order=60)


@hookimpl
def kontora_portal_sections() -> list[dict[str, Any]]:
    return portal_sections()


@hookimpl
def kontora_portal_documents(kind: str, record_id: int, principal: Any) -> list[dict[str, Any]]:
    return order_documents(kind, record_id, principal)
