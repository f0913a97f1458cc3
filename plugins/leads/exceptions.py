"""Errors users of the ``leads`` plugin may see; the kernel maps them to 4xx answers."""

from __future__ import annotations

from core.errors import Conflict, Forbidden, NotFound, ValidationError
from core.i18n import gettext as _


class LeadNotFound(NotFound):
    """No lead with that id (or the user may not see it)."""

    def __init__(self, lead_id: int) -> None:
        super().__init__(_("Lead %(id)s was not found.", id=lead_id))


class InvalidLeadData(ValidationError):
    """Lead, pipeline, form or questionnaire input failed validation; ``fields`` says why."""

    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__(_("Please correct the marked fields."), fields=fields)


class StaleLead(Conflict):
    def __init__(self) -> None:
        super().__init__(_("Someone else changed this lead meanwhile; reload and retry."))


class AlreadyConverted(Conflict):
    def __init__(self) -> None:
        super().__init__(_("This lead is already linked to a client."))


class FormNotFound(NotFound):
    """A web form key that does not exist or whose form is switched off."""

    def __init__(self) -> None:
        super().__init__(_("This form does not exist."))


class OriginNotAllowed(Forbidden):
    """A browser sent a web form from a site the form does not list."""

    def __init__(self) -> None:
        super().__init__(_("This form does not accept submissions from that site."))
