"""Errors users of the ``invoicing`` plugin may see; the kernel maps them to 4xx answers."""

from __future__ import annotations

from core.errors import Conflict, ValidationError
from core.i18n import gettext as _


class InvalidInvoiceData(ValidationError):
    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__(_("Please correct the marked fields."), fields=fields)


class InvoiceLocked(Conflict):
    """An issued document never changes: corrections go through a credit note."""

    def __init__(self) -> None:
        super().__init__(_("The document is issued and cannot change; "
                           "correct it with a credit note."))


class TransitionRefused(Conflict):
    def __init__(self, action: str, status: str) -> None:
        super().__init__(_("“%(action)s” is not possible while the document is “%(status)s”.",
                           action=action, status=status))


class StaleInvoice(Conflict):
    def __init__(self) -> None:
        super().__init__(_("Someone else changed this document meanwhile; reload and retry."))
