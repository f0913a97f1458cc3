"""Errors users of the ``complaints`` plugin may see; the kernel maps them to 4xx answers."""

from __future__ import annotations

from core.errors import Conflict, ValidationError
from core.i18n import gettext as _


class InvalidComplaintData(ValidationError):
    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__(_("Please correct the marked fields."), fields=fields)


class TransitionRefused(Conflict):
    """A move the workflow does not allow from the complaint's present status."""

    def __init__(self, action: str, status: str) -> None:
        super().__init__(_("“%(action)s” is not possible while the complaint is “%(status)s”.",
                           action=action, status=status))


class ComplaintClosed(Conflict):
    def __init__(self) -> None:
        super().__init__(_("The complaint is resolved; it can no longer be changed."))


class StaleComplaint(Conflict):
    def __init__(self) -> None:
        super().__init__(_("Someone else changed this complaint meanwhile; reload and retry."))
