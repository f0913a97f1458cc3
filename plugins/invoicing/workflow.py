"""The statuses of invoicing documents, as data.

``draft -> issued`` for every document; an issued invoice or credit note stays issued for
good (a credit note corrects it); an issued proforma ends ``converted`` (into an invoice)
or ``cancelled``.
"""

from __future__ import annotations

from typing import Any

from core.i18n import lazy_gettext as _l

STATUS_LABELS: dict[str, Any] = {
    "draft": _l("Draft"),
    "issued": _l("Issued"),
    "converted": _l("Converted into an invoice"),
    "cancelled": _l("Cancelled"),
}
DOC_TYPE_LABELS: dict[str, Any] = {
    "invoice": _l("Invoice"),
    "credit_note": _l("Credit note"),
    "proforma": _l("Proforma invoice"),
}
TRANSITIONS: frozenset[tuple[str, str]] = frozenset({
    ("draft", "issued"), ("issued", "converted"), ("issued", "cancelled")})


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))
