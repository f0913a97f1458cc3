"""Errors users of the ``contracts`` plugin may see; the kernel maps them to 4xx answers."""

from __future__ import annotations

from core.errors import Conflict, ValidationError
from core.i18n import gettext as _


class InvalidContractData(ValidationError):
    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__(_("Please correct the marked fields."), fields=fields)


class TransitionRefused(Conflict):
    """A move the workflow does not allow from the present status."""

    def __init__(self, action: str, status: str) -> None:
        super().__init__(_("“%(action)s” is not possible while the document is “%(status)s”.",
                           action=action, status=status))


class ContractLocked(Conflict):
    def __init__(self, status: str) -> None:
        super().__init__(_("The document is “%(status)s”; only drafts can be changed.",
                           status=status))


class StaleContract(Conflict):
    def __init__(self) -> None:
        super().__init__(_("Someone else changed this document meanwhile; reload and retry."))


class PdfNotReady(Conflict):
    """The frozen PDF the signer must see is still being rendered."""

    def __init__(self) -> None:
        super().__init__(_("The document is still being prepared; try again in a moment."))
