"""Manifest, contents and behaviour hooks of the ``contracts`` plugin.

``contracts`` never imports ``offers`` or ``orders``: it declares the conversions offer ->
contract and order -> contract, reads sources through the document-content protocol and
listens for ``orders.order-status-changed`` by name, so it runs with or without them.
"""

from __future__ import annotations

from typing import Any

from core import Contents, Manifest, hookimpl
from core.i18n import lazy_gettext as _l
from core.jobs import Periodic
from core.web.generic.sections import records_section
from plugins.contracts.content import contract_content
from plugins.contracts.merge_tags import merge_tags as contract_merge_tags
from plugins.contracts.portal_views import portal_sections
from plugins.contracts.services.portal import order_documents

manifest = Manifest(
    name="contracts",
    title="Contracts",
    version="1.0",
    depends=["parties", "catalog", "activities"],
    description="Contracts from admin-edited templates with every requisite of the client, "
    "a register that never lets an expiry slip, signatures from an e-mailed link sealed "
    "with the company's PAdES signature, acceptance protocols and requisites questionnaires.",
)

contents = Contents(
    models=["plugins.contracts.models"],
    record_kinds=["plugins.contracts.kinds:record_kinds"],
    document_kinds=["plugins.contracts.kinds:document_kinds"],
    signals=["plugins.contracts.signals:SIGNALS"],
    receivers=[("orders.order-status-changed",
                "plugins.contracts.receivers:on_order_status_changed")],
    permissions=[
        ("contracts.read", _l("See contracts and acceptance protocols")),
        ("contracts.write", _l("Create and change draft contracts and protocols")),
        ("contracts.convert", _l("Create contracts from offers and orders")),
        ("contracts.send", _l("Send contracts and protocols for signature")),
        ("contracts.countersign", _l("Sign contracts and protocols for the company")),
        ("contracts.manage", _l("Activate and terminate contracts")),
        ("contracts.requisites", _l("Ask clients for their requisites and apply the answers")),
        ("contracts.configure", _l("Configure contract reminders")),
    ],
    roles={
        "sales_manager": ["contracts.*"],
        "salesperson": ["contracts.read", "contracts.write", "contracts.convert",
                        "contracts.send", "contracts.requisites"],
        "accountant": ["contracts.read"],
        "logistics": ["contracts.read", "contracts.write", "contracts.send"],
    },
    blueprints=["plugins.contracts.views:bp", "plugins.contracts.views:public_bp",
                "plugins.contracts.portal_views:bp"],
    api_blueprints=["plugins.contracts.api:bp"],
    menu=[
        {"label": _l("Contracts"), "endpoint": "contracts.contract_list", "group": _l("Sales"),
         "order": 35, "permission": "contracts.read", "icon": "file-earmark-check"},
        {"label": _l("Expiring contracts"), "endpoint": "contracts.expiring",
         "group": _l("Sales"), "order": 36, "permission": "contracts.read",
         "icon": "hourglass-split"},
        {"label": _l("Acceptance protocols"), "endpoint": "contracts.protocol_list",
         "group": _l("Sales"), "order": 37, "permission": "contracts.read",
         "icon": "clipboard-check"},
        {"label": _l("Verify a signed PDF"), "endpoint": "contracts.verify",
         "group": _l("Sales"), "order": 38, "permission": "contracts.read",
         "icon": "patch-check"},
        {"label": _l("Contract settings"), "endpoint": "contracts.admin",
         "group": _l("Administration"), "order": 935, "permission": "contracts.configure",
         "icon": "sliders"},
    ],
    conversions=["plugins.contracts.conversions:CONVERSIONS"],
    number_series=[
        {"code": "contracts", "kind": "contracts.contract", "label": _l("Contracts"),
         "pattern": "CTR-{year}-{seq:05d}", "yearly_reset": True},
        {"code": "contracts-protocols", "kind": "contracts.protocol",
         "label": _l("Acceptance protocols"), "pattern": "PV-{year}-{seq:05d}",
         "yearly_reset": True},
    ],
    link_purposes={"contracts.sign": "contracts_public.sign",
                   "contracts.requisites": "contracts_public.requisites"},
    jobs={"contracts.seal": "plugins.contracts.jobs:seal_document",
          "contracts.daily": "plugins.contracts.jobs:daily"},
    periodic_jobs=[Periodic(job="contracts.daily", cron="30 6 * * *")],
    cli_commands=["plugins.contracts.cli:contracts_group"],
    demo_data=["plugins.contracts.demo:add_demo_contracts"],
)


@hookimpl
def kontora_document_content(kind: str, record_id: int) -> dict[str, Any] | None:
    if kind != "contracts.contract":
        return None

    return contract_content(record_id)


@hookimpl
def kontora_merge_tags(kind: str) -> list[dict[str, Any]]:
    return contract_merge_tags(kind)


@hookimpl
def kontora_profile_sections(party_id: int) -> list[dict[str, Any]]:
    return records_section("contracts.contract", "party_id", party_id, title=_l("Contracts"),
                           order=48)


@hookimpl
def kontora_portal_sections() -> list[dict[str, Any]]:
    return portal_sections()


@hookimpl
def kontora_portal_documents(kind: str, record_id: int, principal: Any) -> list[dict[str, Any]]:
    return order_documents(kind, record_id, principal)
