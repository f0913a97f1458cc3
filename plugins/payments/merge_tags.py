"""Merge tags of the cash receipt: what was received, from whom, for which documents."""

from __future__ import annotations

from typing import Any

from core.db import session
from core.i18n import lazy_gettext as _l
from core.kernel import kontora
from plugins.payments.kinds import KIND


def _client(payment: Any) -> dict[str, Any]:
    party = payment.party
    return {"name": party.name, "tax_id": party.tax_id or "", "vat_number":
            party.vat_number or "", "trade_register_no": party.trade_register_no or ""}


def _documents(payment: Any) -> list[dict[str, Any]]:
    """The documents the cash settles, by their titles (``FCT-2026-00012``)."""
    out = []
    for allocation in payment.allocations:
        rk = kontora().kinds.get(allocation.record_kind)
        record = session().get(rk.model, allocation.record_id) if rk is not None else None
        title = rk.title_of(record) if record is not None else f"#{allocation.record_id}"
        out.append({"title": title, "amount": allocation.amount})
    return out


def merge_tags(kind: str) -> list[dict[str, Any]]:
    if kind != KIND:
        return []
    return [
        {"tag": "receipt.number", "label": _l("Receipt number"),
         "value": lambda p: p.receipt_number or ""},
        {"tag": "receipt.date", "label": _l("Date"), "value": lambda p: p.paid_on},
        {"tag": "receipt.amount", "label": _l("Amount"), "value": lambda p: p.amount},
        {"tag": "receipt.currency", "label": _l("Currency"), "value": lambda p: p.currency},
        {"tag": "receipt.notes", "label": _l("Notes"), "value": lambda p: p.notes or ""},
        {"tag": "client", "label": _l("Client"), "value": _client},
        {"tag": "receipt.documents", "label": _l("Documents paid"), "value": _documents},
    ]
