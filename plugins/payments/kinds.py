"""The record and document kinds ``payments`` owns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.i18n import lazy_gettext as _l
from core.kinds import RecordKind
from plugins.payments.models import Payment
from plugins.payments.schemas import PaymentSchema

KIND = "payments.payment"


def record_kinds() -> list[RecordKind]:
    return [RecordKind(
        kind=KIND, model=Payment, label=_l("Payment"), label_plural=_l("Payments"),
        permission_prefix="payments", endpoint="payments.payment_detail",
        schema=PaymentSchema, title_attr="title",
        extra={"filters": ["party_id", "method", "currency", "paid_on", "receipt_number",
                           "reference", "owner_id", "created_at"],
               "sort": ["paid_on", "created_at", "amount", "id"],
               "default_sort": "-paid_on"})]


def document_kinds() -> list[dict[str, Any]]:
    """The cash receipt (RO chitanță, BG разписка, RU приходный ордер) as a document."""
    return [{"kind": KIND, "label": _l("Cash receipt"),
             "templates_dir": str(Path(__file__).parent / "documents"), "file": "receipt"}]
