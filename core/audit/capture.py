"""Generic audit capture: every flush writes audit rows for records of registered kinds.

Hooked on the session (``after_flush``: ids are known and attribute history still holds
the old values), so a plugin's own service functions are audited without extra code.
The acting principal is held by the unit of work (:func:`set_actor`); inside a request
the request's principal is used when no service set one.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask import g, has_request_context
from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import ColumnProperty, Session

from core.audit.models import AuditEntry
from core.kinds import KindRegistry

ACTOR = "kontora.actor"

NOT_AUDITED = frozenset({"created_at", "updated_at", "version", "created_by_id",
                         "updated_by_id"})
"""Bookkeeping columns every change touches; the entry itself says who and when."""


def set_actor(sess: Session, principal: Any) -> None:
    """Name who is acting in ``sess`` until the unit of work ends (services call this)."""
    sess.info[ACTOR] = principal


def install(session_factory: Any, kinds: KindRegistry) -> None:
    """Audit every flush of sessions made by ``session_factory`` for models in ``kinds``."""

    def after_flush(sess: Session, _context: Any) -> None:
        rows = list(_entries(sess, kinds))
        if rows:
            sess.connection().execute(insert(AuditEntry.__table__), rows)

    event.listen(session_factory, "after_flush", after_flush)


def _actor(sess: Session) -> dict[str, Any]:
    principal = sess.info.get(ACTOR)
    if principal is None and has_request_context():
        principal = g.get("kontora_principal")
    if principal is None:
        return {"actor_kind": "system", "actor_id": None, "actor_name": ""}
    return {"actor_kind": principal.kind, "actor_id": principal.id,
            "actor_name": principal.name}


def _entries(sess: Session, kinds: KindRegistry):
    actor = None
    for action, objects in (("create", sess.new), ("update", sess.dirty),
                            ("delete", sess.deleted)):
        for obj in objects:
            kind = kinds.of_model(type(obj))
            if kind is None:
                continue
            changes = _changes(obj, action)
            if action == "update" and not changes:
                continue
            action_taken = "status" if action == "update" and "status" in changes else action
            actor = actor or _actor(sess)
            yield {**actor, "action": action_taken, "record_kind": kind.kind,
                   "record_id": inspect(obj).mapper.primary_key_from_instance(obj)[0],
                   "changes": changes}


def _changes(obj: Any, action: str) -> dict[str, list[Any]]:
    state = inspect(obj)
    changes: dict[str, list[Any]] = {}
    for prop in state.mapper.iterate_properties:
        if not isinstance(prop, ColumnProperty) or prop.key in NOT_AUDITED:
            continue
        if action == "update":
            history = state.attrs[prop.key].history
            if not history.has_changes():
                continue
            before = history.deleted[0] if history.deleted else None
            after = history.added[0] if history.added else None
            if before == after:
                continue
            changes[prop.key] = [_json(before), _json(after)]
        else:
            value = state.dict.get(prop.key)
            if value is None or prop.key == "id":
                continue
            pair = [None, _json(value)] if action == "create" else [_json(value), None]
            changes[prop.key] = pair
    return changes


def _json(value: Any) -> Any:
    """A JSON-safe copy of a column value: decimals and dates as text, enums by value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return _json(value.value)
    if isinstance(value, list | dict):
        return value
    return str(value)
