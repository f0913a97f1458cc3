"""Errors users of the ``orders`` plugin may see; the kernel maps them to 4xx answers."""

from __future__ import annotations

from core.errors import Conflict, NotFound, ValidationError
from core.i18n import gettext as _


class InvalidOrderData(ValidationError):
    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__(_("Please correct the marked fields."), fields=fields)


class TransitionRefused(Conflict):
    """A move the workflow does not allow from the order's present status."""

    def __init__(self, action: str, status: str) -> None:
        super().__init__(_("“%(action)s” is not possible while the order is “%(status)s”.",
                           action=action, status=status))


class UnknownTransition(NotFound):
    def __init__(self, name: str) -> None:
        super().__init__(_("Orders have no action “%(name)s”.", name=name))


class OrderLocked(Conflict):
    """Lines, client and currency change only on drafts."""

    def __init__(self, status: str) -> None:
        super().__init__(_("The order is “%(status)s”; only drafts can be changed this way. "
                           "Move it back to draft first.", status=status))


class StaleOrder(Conflict):
    def __init__(self) -> None:
        super().__init__(_("Someone else changed this order meanwhile; reload and retry."))


class StatusInUse(Conflict):
    def __init__(self, label: str, count: int) -> None:
        super().__init__(_("%(count)s orders are “%(label)s”; move them on before removing "
                           "the status.", count=count, label=label))
