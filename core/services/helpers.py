"""Building blocks of a service function, for the generic record services and plugins.

A plugin's service::

    @service("offers.send")
    def send_offer(principal, offer_id: int) -> Offer:
        offer = load_record(principal, "offers.offer", offer_id, action="write")
        offer.status = "sent"                     # audited as a status change
        announce("offers.offer-sent", offer.id)   # delivered after commit
        return offer
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

import marshmallow
from sqlalchemy import select

from core.audit.capture import set_actor
from core.db import session
from core.errors import Forbidden, NotFound, ValidationError
from core.i18n import gettext as _
from core.i18n.validation import translate_validation_message
from core.kernel import kontora
from core.kinds import RecordKind
from core.permissions import require, scope
from core.services.text import check_text, text_problems

F = TypeVar("F", bound=Callable[..., Any])


def record_kind(kind: str) -> RecordKind:
    found = kontora().kinds.get(kind)
    if found is None:
        raise NotFound(f"no enabled plugin provides records of kind {kind!r}")
    return found


def validate(schema: marshmallow.Schema, data: Any, *, partial: bool = False) -> dict[str, Any]:
    """``schema.load(data)``, with marshmallow's errors as a 422 naming each field."""

    if not isinstance(data, Mapping):
        raise ValidationError(_("Send an object of fields."),
                              fields={"_schema": [_("Expected an object.")]})
    check_text(data)
    try:
        loaded = schema.load(data, partial=partial)
    except marshmallow.ValidationError as exc:
        raise ValidationError(_("Some fields are not valid."),
                              fields=flatten_errors(exc.messages)) from None
    if not isinstance(loaded, dict):
        raise TypeError(f"{type(schema).__name__}.load must return a dict for services")
    return loaded


def nul_paths(value: Any, path: str = "") -> Iterator[str]:
    """Where NUL characters hide in decoded JSON (no database stores them in text)."""
    return (name for name, problem in text_problems(value, path) if problem == "nul")


def flatten_errors(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as ``{"lines.0.price": ["..."]}``, in the user's language."""
    if isinstance(messages, Mapping):
        flat: dict[str, list[str]] = {}
        for key, value in messages.items():
            flat.update(flatten_errors(value, f"{prefix}{key}."))
        return flat
    items = messages if isinstance(messages, list) else [messages]
    texts = [translate_validation_message(str(m)) for m in items if not isinstance(m, Mapping)]
    flat = {prefix.rstrip(".") or "_schema": texts} if texts else {}
    for item in items:
        if isinstance(item, Mapping):
            flat.update(flatten_errors(item, prefix))
    return flat


def act_as(principal: Any) -> None:
    """Record ``principal`` as the actor of the current unit of work (for the audit log)."""
    set_actor(session(), principal)


def service(permission: str | None = None) -> Callable[[F], F]:
    """Mark a service function taking the principal first: checks ``permission`` (if
    given) and names the principal as the actor of what the unit of work writes."""

    def decorator(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(principal: Any, *args: Any, **kwargs: Any) -> Any:
            if permission is not None:
                require(principal, permission)
            act_as(principal)
            return fn(principal, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


def load_record(principal: Any, kind: str, record_id: int, action: str = "read", *,
                eager: bool = False) -> Any:
    """The record, if ``principal`` may ``action`` it: ``<prefix>.<action>`` and the record
    rule both apply. A record outside the read scope is reported missing (404), one
    readable but not writable is forbidden (403). ``eager`` loads what the kind's
    ``load_options`` name along with the record."""
    rk = record_kind(kind)
    require(principal, f"{rk.permission_prefix}.{action}")
    model = rk.model
    stmt = scope(select(model).where(model.id == record_id), model, principal, action,
                 prefix=rk.permission_prefix)
    if eager:
        stmt = stmt.options(*rk.load_options)
    record = session().scalars(stmt).first()
    if record is not None:
        return record
    if action != "read" and principal.has(rk.read_permission):
        readable = scope(select(model.id).where(model.id == record_id), model, principal,
                         "read", prefix=rk.permission_prefix)
        if session().scalar(readable) is not None:
            raise Forbidden(f"you may not {action} this {rk.label.lower()}")
    raise NotFound(f"{rk.label} #{record_id} does not exist")


def announce(name: str, sender: Any, **kwargs: Any) -> None:
    """Announce the signal ``name`` once the current transaction commits."""

    kontora().events.announce(name, sender, **kwargs)
