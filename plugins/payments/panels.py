"""What payments adds to other plugins' pages through the kernel: the payment panel and
status badges of invoices, card payment on the client link, the client's balance on its
profile."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from flask import render_template

from core.db import session
from core.i18n import lazy_gettext as _l
from core.identity import PORTAL, current_principal
from core.kernel import kontora
from plugins.payments.providers import active_provider
from plugins.payments.schemas import PAYABLE_KINDS
from plugins.payments.services import payments_of, start_checkout
from plugins.payments.services.allocation import owed
from plugins.payments.services.portal import clients_own
from plugins.payments.services.receivables import balance_of
from plugins.payments.status import STATUS_LABELS, TONES, payment_status


def payment_methods() -> list[dict[str, Any]]:
    provider = active_provider()
    if provider is None:
        return []
    return [{"code": "card", "label": provider.label, "start": start_checkout}]


def _reader() -> Any:
    principal = current_principal()
    return principal if principal is not None and principal.has("payments.read") else None


def record_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    principal = _reader()
    if kind not in PAYABLE_KINDS or principal is None:
        return []
    info = owed(kind, record_id)
    if info is None:
        return []
    return [{"key": "payments", "title": STATUS_LABELS[payment_status(info, date.today())],
             "order": 20, "render": partial(_panel, principal, kind, record_id, info)}]


def _panel(principal: Any, kind: str, record_id: int, info: dict[str, Any]) -> str:
    status = payment_status(info, date.today())
    record = session().get(kontora().kinds[kind].model, record_id)
    return render_template(
        "payments/_document_panel.html", kind=kind, record_id=record_id, info=info,
        party_id=record.party_id,
        status=status, status_label=STATUS_LABELS[status], tone=TONES[status],
        payments=payments_of(kind, record_id), can_record=principal.has("payments.write"),
        can_mark=principal.has("payments.mark_paid"))


def list_badges(kind: str, record_ids: list[int]) -> list[dict[str, Any]]:
    """The payment status of each row: for staff who read payments, and for a portal user
    on its own client's documents only (the portal's invoice list), never on another's."""
    if kind not in PAYABLE_KINDS:
        return []
    principal = current_principal()
    if principal is None:
        return []
    if not principal.has("payments.read"):
        if principal.kind != PORTAL:
            return []
        record_ids = clients_own(principal, kind, record_ids)
    today = date.today()
    badges = []
    for record_id in record_ids:
        info = owed(kind, record_id)
        if info is not None:
            status = payment_status(info, today)
            badges.append({"record_id": record_id, "key": f"payment-{status}",
                           "label": STATUS_LABELS[status], "title": STATUS_LABELS[status],
                           "tone": TONES[status]})
    return badges


def profile_sections(party_id: int) -> list[dict[str, Any]]:
    """The client's open balance and credit per currency on its profile."""
    principal = _reader()
    if principal is None:
        return []
    return [{"key": "payments.balance", "title": _l("Receivables"), "order": 55,
             "render": partial(_balance, principal, party_id)}]


def _balance(principal: Any, party_id: int) -> str:
    return render_template("payments/_client_balance.html",
                           balance=balance_of(principal, party_id))
