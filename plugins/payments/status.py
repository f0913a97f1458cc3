"""An invoice's payment status, derived from what is owed, what was paid and the due date.

Nobody types a status: ``unpaid``, ``partially_paid``, ``paid`` or ``overdue`` follows from
the owner's ``kontora_open_amount`` answer (its ``paid`` is the allocations' sum, kept by
:func:`plugins.payments.services.allocation.settle`) and today's date.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from core.i18n import lazy_gettext as _l

STATUS_LABELS = {
    "unpaid": _l("Unpaid"),
    "partially_paid": _l("Partially paid"),
    "paid": _l("Paid"),
    "overdue": _l("Overdue"),
}
METHOD_LABELS = {"transfer": _l("Bank transfer"), "cash": _l("Cash"), "pos": _l("POS"),
                 "card": _l("Card online"), "manual": _l("Marked as paid")}
TONES = {"unpaid": "secondary", "partially_paid": "info", "paid": "success",
         "overdue": "danger"}


def payment_status(owed: dict[str, Any], today: date) -> str:
    """The status of a document whose ``kontora_open_amount`` answer is ``owed``.

    Overdue wins over partially paid: a late invoice is late however much came in.
    """
    if owed["open"] <= Decimal(0):
        return "paid"
    due = owed.get("due_date")
    if due is not None and due < today:
        return "overdue"
    return "partially_paid" if owed["paid"] > Decimal(0) else "unpaid"
