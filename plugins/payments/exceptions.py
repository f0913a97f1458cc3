"""Errors users of the ``payments`` plugin may see; the kernel maps them to 4xx answers."""

from __future__ import annotations

from core.errors import Conflict, KontoraError, ValidationError
from core.i18n import gettext as _


class InvalidPayment(ValidationError):
    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__(_("Please correct the marked fields."), fields=fields)


class NothingOpen(Conflict):
    def __init__(self) -> None:
        super().__init__(_("Nothing is left to pay on this document."))


class BadSignature(ValidationError):
    """A webhook whose signature does not prove it came from the provider."""

    def __init__(self) -> None:
        super().__init__(_("The signature of this notification is not valid."),
                         fields={"signature": [_("The signature does not match.")]})


class ProviderUnavailable(KontoraError):
    """The card provider could not be reached or refused to start a payment."""

    status = 503
    code = "provider_unavailable"
    headers = {"Retry-After": "30"}

    def __init__(self) -> None:
        super().__init__(_("Card payment cannot be started right now; please try again later."))
