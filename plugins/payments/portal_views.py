"""The payments section of the client portal (``/portal/payments``): the client's payments
with their cash receipts as PDF, and what it still owes and has as credit. Every page goes
through ``services.portal``, which scopes it to the portal user's current client.

Paying an open invoice by card is on the portal's invoices page, through
``kontora_payment_methods`` (the same start as the invoice's client link).

Shown only when the portal plugin is enabled: it asks for the section through
``kontora_portal_sections`` and provides the ``portal/layout.html`` these pages extend.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, url_for

from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.identity.guards import portal_pages_only
from plugins.payments.services.portal import (
    client_balance,
    client_payment,
    client_payments,
    paid_for,
)
from plugins.payments.status import METHOD_LABELS
from plugins.payments.views.receipts import receipt_response

bp = Blueprint("payments_portal", __name__, url_prefix="/portal/payments",
               template_folder="templates")
bp.before_request(portal_pages_only)


def portal_sections() -> list[dict[str, Any]]:
    return [{"key": "payments", "title": _l("Payments"), "endpoint": "payments_portal.index",
             "order": 35}]


@bp.get("/")
def index() -> str:
    principal = current_principal()
    payments = client_payments(principal)
    return render_template("payments/portal/list.html", payments=payments,
                           paid_for={p.id: paid_for(p) for p in payments},
                           balance=client_balance(principal), methods=METHOD_LABELS)


@bp.get("/<int:payment_id>/receipt.pdf")
def receipt(payment_id: int) -> Any:
    return receipt_response(client_payment(current_principal(), payment_id),
                            url_for("payments_portal.index"))
