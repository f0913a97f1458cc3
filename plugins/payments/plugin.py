"""Manifest, contents and behaviour hooks of the ``payments`` plugin.

``payments`` reads what a document owes through the kernel's ``kontora_open_amount``,
tells its owner the paid sum through ``kontora_record_paid``, offers card payment on the
client link through ``kontora_payment_methods`` and shows the derived payment status on
the owner's pages through ``kontora_record_panels`` and ``kontora_list_badges``; it
imports nothing of invoicing's internals, and invoicing nothing of it.
"""

from __future__ import annotations

from typing import Any

from core import Contents, Manifest, hookimpl
from core.i18n import lazy_gettext as _l
from core.jobs import Periodic
from plugins.payments import panels
from plugins.payments.merge_tags import merge_tags as receipt_merge_tags
from plugins.payments.portal_views import portal_sections

manifest = Manifest(
    name="payments",
    title="Payments",
    version="1.0",
    depends=["parties", "invoicing"],
    description="Payments by bank transfer, cash (with numbered cash receipts), POS and card "
    "online (demo and Stripe providers), allocated across invoices exact to the cent, "
    "overpayments kept as client credit, payment status derived from allocations and due "
    "dates, and an audited \"mark as paid\".",
)

contents = Contents(
    models=["plugins.payments.models"],
    record_kinds=["plugins.payments.kinds:record_kinds"],
    document_kinds=["plugins.payments.kinds:document_kinds"],
    signals=["plugins.payments.signals:SIGNALS"],
    permissions=[
        ("payments.read", _l("See payments, credits and payment statuses")),
        ("payments.write", _l("Record payments and allocate credit")),
        ("payments.mark_paid", _l("Mark documents as paid without a payment record")),
    ],
    roles={
        "accountant": ["payments.*"],
        "sales_manager": ["payments.read", "payments.write"],
        "salesperson": ["payments.read"],
    },
    blueprints=["plugins.payments.views:bp", "plugins.payments.views:public_bp",
                "plugins.payments.portal_views:bp"],
    api_blueprints=["plugins.payments.api:bp", "plugins.payments.statements_api:bp"],
    menu=[
        {"label": _l("Payments"), "endpoint": "payments.payment_list", "group": _l("Sales"),
         "order": 42, "permission": "payments.read", "icon": "cash-coin"},
        {"label": _l("Bank statements"), "endpoint": "payments.statements",
         "group": _l("Sales"), "order": 43, "permission": "payments.write", "icon": "bank"},
        {"label": _l("Aged receivables"), "endpoint": "payments.receivables",
         "group": _l("Reports"), "order": 842, "permission": "payments.read",
         "icon": "hourglass-split"},
    ],
    jobs={"payments.reminders": "plugins.payments.jobs:reminders"},
    periodic_jobs=[Periodic(job="payments.reminders", cron="0 8 * * *")],
    number_series=[{"code": "cash_receipts", "kind": "payments.payment",
                    "label": _l("Cash receipts"), "pattern": "CHT-{year}-{seq:05d}",
                    "yearly_reset": True}],
)


@hookimpl
def kontora_payment_methods() -> list[dict[str, Any]]:
    return panels.payment_methods()


@hookimpl
def kontora_record_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    return panels.record_panels(kind, record_id)


@hookimpl
def kontora_list_badges(kind: str, record_ids: list[int]) -> list[dict[str, Any]]:
    return panels.list_badges(kind, record_ids)


@hookimpl
def kontora_merge_tags(kind: str) -> list[dict[str, Any]]:
    return receipt_merge_tags(kind)


@hookimpl
def kontora_profile_sections(party_id: int) -> list[dict[str, Any]]:
    return panels.profile_sections(party_id)


@hookimpl
def kontora_portal_sections() -> list[dict[str, Any]]:
    return portal_sections()
