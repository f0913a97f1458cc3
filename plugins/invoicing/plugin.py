"""Manifest, contents and behaviour hooks of the ``invoicing`` plugin.

``invoicing`` never imports ``offers``, ``orders`` or ``contracts``: it declares the
conversions from them, reads sources through the document-content protocol and answers
the kernel's ``kontora_open_amount``, ``kontora_record_paid`` and
``kontora_profile_sections`` for the rest, and offers the fallback ``log`` e-invoice
transmitter (``kontora_einvoice_transmitters``).
"""

from __future__ import annotations

from typing import Any

from core import Contents, Manifest, hookimpl
from core.i18n import lazy_gettext as _l
from core.jobs import Periodic
from plugins.invoicing.content import document_content
from plugins.invoicing.merge_tags import merge_tags as invoice_merge_tags
from plugins.invoicing.panels import schedule_panels
from plugins.invoicing.portal_documents import order_documents
from plugins.invoicing.portal_views import portal_sections
from plugins.invoicing.receivables import open_amount, profile_sections, record_paid
from plugins.invoicing.services.transmission import LOG_TRANSMITTER

manifest = Manifest(
    name="invoicing",
    title="Invoicing",
    version="1.0",
    depends=["parties", "catalog"],
    description="Invoices, proformas and credit notes numbered gap-free at issue and "
    "immutable once issued, VAT per rate with exempt and reverse-charge mentions, foreign "
    "currencies at the day's rate, amounts in words, UBL 2.1 e-invoices (EN 16931, CIUS-RO).",
)

contents = Contents(
    models=["plugins.invoicing.models"],
    record_kinds=["plugins.invoicing.kinds:record_kinds"],
    document_kinds=["plugins.invoicing.kinds:document_kinds"],
    signals=["plugins.invoicing.signals:SIGNALS"],
    permissions=[
        ("invoicing.read", _l("See invoices, credit notes and proformas")),
        ("invoicing.write", _l("Create and change draft invoices")),
        ("invoicing.free_lines", _l("Add lines beyond the services assigned to the client")),
        ("invoicing.convert", _l("Create invoices from offers, orders and contracts")),
        ("invoicing.issue", _l("Issue invoices and cancel proformas")),
        ("invoicing.credit", _l("Correct issued invoices with credit notes")),
        ("invoicing.send", _l("E-mail invoices to clients")),
        ("invoicing.rates", _l("Enter and import exchange rates")),
    ],
    roles={
        "accountant": ["invoicing.*"],
        "sales_manager": ["invoicing.read", "invoicing.write", "invoicing.convert",
                          "invoicing.issue", "invoicing.send"],
        "salesperson": ["invoicing.read", "invoicing.write", "invoicing.convert"],
    },
    blueprints=["plugins.invoicing.views:bp", "plugins.invoicing.views:public_bp",
                "plugins.invoicing.portal_views:bp"],
    api_blueprints=["plugins.invoicing.api:bp"],
    menu=[
        {"label": _l("Invoices"), "endpoint": "invoicing.invoice_list", "group": _l("Sales"),
         "order": 40, "permission": "invoicing.read", "icon": "receipt"},
    ],
    conversions=["plugins.invoicing.conversions:CONVERSIONS"],
    number_series=[
        {"code": "invoices", "kind": "invoicing.invoice", "label": _l("Invoices"),
         "pattern": "FCT-{year}-{seq:05d}", "yearly_reset": True},
        {"code": "proformas", "kind": "invoicing.proforma", "label": _l("Proforma invoices"),
         "pattern": "PF-{year}-{seq:05d}", "yearly_reset": True},
    ],
    link_purposes={"invoicing.view": "invoicing_public.view"},
    demo_data=["plugins.invoicing.demo:add_demo_invoices"],
    jobs={"invoicing.transmit": "plugins.invoicing.services.transmission:transmit",
          "invoicing.bill-schedules": "plugins.invoicing.jobs:bill_schedules"},
    periodic_jobs=[Periodic(job="invoicing.bill-schedules", cron="0 7 * * *")],
)


@hookimpl
def kontora_document_content(kind: str, record_id: int) -> dict[str, Any] | None:
    return document_content(kind, record_id)


@hookimpl
def kontora_merge_tags(kind: str) -> list[dict[str, Any]]:
    return invoice_merge_tags(kind)


@hookimpl
def kontora_open_amount(kind: str, record_id: int) -> dict[str, Any] | None:
    return open_amount(kind, record_id)


@hookimpl
def kontora_einvoice_transmitters() -> list[dict[str, Any]]:
    return [LOG_TRANSMITTER]


@hookimpl
def kontora_profile_sections(party_id: int) -> list[dict[str, Any]]:
    return profile_sections(party_id)


@hookimpl
def kontora_record_paid(kind: str, record_id: int, paid: Any) -> bool | None:
    return record_paid(kind, record_id, paid)


@hookimpl
def kontora_record_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    return schedule_panels(kind, record_id)


@hookimpl
def kontora_portal_sections() -> list[dict[str, Any]]:
    return portal_sections()


@hookimpl
def kontora_portal_documents(kind: str, record_id: int, principal: Any) -> list[dict[str, Any]]:
    return order_documents(kind, record_id, principal)
