"""Adding the people of a vCard file to a client as contact persons."""

from __future__ import annotations

from typing import IO, Any

from core.db import session
from core.errors import ValidationError
from core.i18n import gettext as _
from plugins.parties import vcard
from plugins.parties.services import add_contact, load_client

MAX_BYTES = 5 * 1024 * 1024
"""A vCard file larger than this is refused: address books of a few thousand people fit."""


def import_vcards(principal: Any, client_id: int, stream: IO[bytes]) -> tuple[int, list[str]]:
    """Add each card of ``stream`` as a contact of the client; returns (added, problems).

    Each card is added through ``add_contact`` (validation, permissions, audit) inside a
    savepoint, so one bad card is reported and skipped without losing the others.
    """

    load_client(principal, client_id, "write")
    raw = stream.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ValidationError(_("The file is too large."),
                              fields={"file": [_("The file is too large.")]})
    try:
        cards = list(vcard.read(raw.decode("utf-8-sig")))
    except (UnicodeDecodeError, vcard.VCardError) as exc:
        raise ValidationError(_("This is not a vCard file."),
                              fields={"file": [_("This is not a vCard file.")]}) from exc
    added, problems = 0, []
    for number, card in enumerate(cards, 1):
        try:
            with session().begin_nested():
                add_contact(principal, client_id, {"contact": card.contact_data(),
                                                   "role": card.role})
            added += 1
        except ValidationError as exc:
            fields = "; ".join(f"{k}: {' '.join(v)}" for k, v in (exc.fields or {}).items())
            problems.append(_("Card %(number)s (%(name)s): %(problem)s", number=number,
                              name=card.name, problem=fields or exc.message))
    return added, problems
