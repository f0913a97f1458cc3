"""What every ``parties`` service does: validate, load within record rules, audit, announce."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import marshmallow
from sqlalchemy import select

from core.audit.capture import set_actor
from core.db import session
from core.kernel import kontora
from core.permissions import require, scope
from plugins.parties.exceptions import ClientNotFound, InvalidClientData, StaleClient
from plugins.parties.models import Client

CLIENT_KIND = "parties.client"
CONTACT_KIND = "parties.contact"


def validate(schema: marshmallow.Schema, data: Any, **kwargs: Any) -> Any:
    """``schema.load(data)``; marshmallow's errors become one field-error 422."""
    if not isinstance(data, dict):
        raise InvalidClientData({"_schema": ["Expected an object."]})
    try:
        return schema.load(data, **kwargs)
    except marshmallow.ValidationError as exc:
        raise InvalidClientData(_flatten(exc.messages)) from None


def _flatten(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """Nested marshmallow messages as ``{"addresses.0.city": [...]}``."""
    if isinstance(messages, list):
        return {prefix or "_schema": [str(m) for m in messages]}
    out: dict[str, list[str]] = {}
    for key, value in messages.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict | list) and not (
                isinstance(value, list) and all(isinstance(v, str) for v in value)):
            out.update(_flatten(value, name))
        else:
            out[name] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return out


def load_client(principal: Any, client_id: int, action: str = "read",
                options: Sequence[Any] = ()) -> Client:
    """The client, if ``principal`` may ``action`` it; a hidden client is "not found".

    ``options`` are loader options (``selectinload(Client.tags)``) for pages that show
    related rows, so they are read in one query each instead of one per row.
    """
    require(principal, f"parties.{action}")
    stmt = scope(select(Client).where(Client.id == client_id), Client, principal, action)
    stmt = stmt.options(*options)
    client = session().scalar(stmt)
    if client is None:
        raise ClientNotFound(client_id)
    return client


def check_version(record: Any, expected_version: int | None) -> None:
    if expected_version is not None and record.version != expected_version:
        raise StaleClient()


def act_as(principal: Any) -> None:
    """Name ``principal`` as the actor of this unit of work for the kernel's audit trail.

    The kernel audits every flushed change of a record kind (clients, contacts) with the
    fields' before and after values; services only say who is acting.
    """

    set_actor(session(), principal)


def announce(name: str, sender: Any, **kwargs: Any) -> None:
    """Announce ``name`` once the unit of work commits."""
    kontora().events.announce(name, sender, **kwargs)
