"""Errors users of the ``parties`` plugin may see; the kernel maps them to 4xx answers."""

from __future__ import annotations

from core.errors import Conflict, NotFound, ValidationError
from core.i18n import gettext as _


class ClientNotFound(NotFound):
    """No client with that id (or the user may not see it)."""

    def __init__(self, client_id: int) -> None:
        super().__init__(_("Client %(id)s was not found.", id=client_id))


class ContactNotFound(NotFound):
    def __init__(self, contact_id: int) -> None:
        super().__init__(_("Contact %(id)s was not found.", id=contact_id))


class AddressNotFound(NotFound):
    def __init__(self, address_id: int) -> None:
        super().__init__(_("Address %(id)s was not found.", id=address_id))


class BankAccountNotFound(NotFound):
    def __init__(self, account_id: int) -> None:
        super().__init__(_("Bank account %(id)s was not found.", id=account_id))


class InvalidClientData(ValidationError):
    """Client, contact or address input failed validation; ``fields`` says where and why."""

    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__(_("Please correct the marked fields."), fields=fields)


class StaleClient(Conflict):
    """The client changed since the user loaded it."""

    def __init__(self) -> None:
        super().__init__(_("Someone else changed this client meanwhile; reload and retry."))


class CustomFieldCodeTaken(Conflict):
    def __init__(self, code: str) -> None:
        super().__init__(_("A custom field with code %(code)s already exists.", code=code))


class PossibleDuplicate(Conflict):
    """Existing clients look like the one being created; ``candidates`` lists them.

    The caller shows them and may repeat the call with ``allow_duplicate=True``.
    """

    code = "possible_duplicate"

    def __init__(self, candidates: list) -> None:
        super().__init__(_("A similar client already exists."))
        self.candidates = candidates

    def to_dict(self) -> dict:
        body = super().to_dict()
        body["candidates"] = [c.to_dict() for c in self.candidates]
        return body
