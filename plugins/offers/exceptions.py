"""Errors users of the ``offers`` plugin may see; the kernel maps them to 4xx answers."""

from __future__ import annotations

from core.errors import Conflict, NotFound, ValidationError
from core.i18n import gettext as _


class OfferNotFound(NotFound):
    def __init__(self, offer_id: int) -> None:
        super().__init__(_("Offer %(id)s was not found.", id=offer_id))


class InvalidOfferData(ValidationError):
    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__(_("Please correct the marked fields."), fields=fields)


class OfferReadOnly(Conflict):
    def __init__(self) -> None:
        super().__init__(_("This offer can no longer be changed: it was accepted, cancelled "
                           "or replaced by a newer revision."))


class WrongStatus(Conflict):
    def __init__(self, status: str, action: object) -> None:
        from plugins.offers.workflow import STATUS_LABELS

        super().__init__(_("An offer that is %(status)s cannot be moved this way (%(action)s).",
                           status=str(STATUS_LABELS.get(status, status)).lower(),
                           action=action))


class NotConvertible(Conflict):
    def __init__(self) -> None:
        super().__init__(_("Only offers in the table format (Template II) can be converted "
                           "into other documents; a free-text offer (Template I) cannot."))


class NothingToSend(ValidationError):
    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__(_("This offer cannot be sent yet."), fields=fields)


class StaleOffer(Conflict):
    def __init__(self) -> None:
        super().__init__(_("Someone else changed this offer meanwhile; reload and retry."))


class OfferTextNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__(_("There is no such offer text."))
