"""Generic record services: read, create, update and delete any record kind.

Each validates with the kind's marshmallow schema, checks ``<prefix>.read`` or
``<prefix>.write`` and the record rules, sets owner and authorship, writes (the audit
entry follows from the flush) and announces ``core.record-created`` / ``-updated`` /
``-deleted`` after commit.
"""

from __future__ import annotations

from typing import Any

from core.errors import Conflict, Forbidden, ValidationError
from core.i18n import gettext as _
from core.permissions import require
from core.permissions.rules import may_own
from core.services.guarded import guarded_write
from core.services.helpers import act_as, announce, load_record, record_kind, validate
from core.services.references import check_references

RECORD_SIGNALS = {
    "core.record-created": "A record was created through the generic services. Sender: the "
    "record kind (\"offers.offer\"). Keyword arguments: record_id, actor_id.",
    "core.record-updated": "A record was changed through the generic services. Sender: the "
    "record kind. Keyword arguments: record_id, actor_id, fields (names of changed fields).",
    "core.record-deleted": "A record was deleted through the generic services. Sender: the "
    "record kind. Keyword arguments: record_id, actor_id.",
}

PROTECTED = frozenset({"id", "version", "created_at", "updated_at", "created_by_id",
                       "updated_by_id"})


def get_record(principal: Any, kind: str, record_id: int, action: str = "read", *,
               eager: bool = False) -> Any:
    """The record if the principal may ``action`` it (404 outside their scope); ``eager``
    loads the kind's ``load_options`` with it."""
    return load_record(principal, kind, record_id, action, eager=eager)


def create_record(principal: Any, kind: str, data: Any) -> Any:
    """Create a record of ``kind`` from ``data``; the principal owns it unless ``owner_id``
    names someone their write scope covers."""
    rk = record_kind(kind)
    require(principal, rk.write_permission)
    act_as(principal)
    values = _checked(rk, validate(_schema(rk), data))
    check_references(principal, rk.model, values)
    record = rk.model()
    if hasattr(record, "owner_id"):
        owner_id = values.pop("owner_id", None) or principal.user_id
        _check_owner(principal, rk.write_permission, owner_id)
        record.owner_id = owner_id
    with guarded_write() as sess:
        _stamp(record, principal, created=True)
        for key, value in values.items():
            setattr(record, key, value)
        sess.add(record)
    announce("core.record-created", kind, record_id=record.id, actor_id=principal.id)
    return record


def update_record(principal: Any, kind: str, record_id: int, data: Any,
                  expected_version: int | None = None) -> Any:
    """Change the fields given in ``data``; ``expected_version`` guards lost updates (409)."""
    rk = record_kind(kind)
    act_as(principal)
    record = load_record(principal, kind, record_id, "write")
    values = _checked(rk, validate(_schema(rk), data, partial=True))
    check_references(principal, rk.model, values, record)
    _check_version(record, expected_version)
    if "owner_id" in values and values["owner_id"] != getattr(record, "owner_id", None):
        _check_owner(principal, rk.write_permission, values["owner_id"])
    changed = [k for k, v in values.items() if getattr(record, k) != v]
    if changed:
        with guarded_write():
            for key in changed:
                setattr(record, key, values[key])
            _stamp(record, principal, created=False)
        announce("core.record-updated", kind, record_id=record.id, actor_id=principal.id,
                 fields=changed)
    return record


def delete_record(principal: Any, kind: str, record_id: int,
                  expected_version: int | None = None) -> None:
    """Delete the record (needs ``<prefix>.write`` and the record in the write scope)."""
    act_as(principal)
    record = load_record(principal, kind, record_id, "write")
    _check_version(record, expected_version)
    with guarded_write() as sess:
        sess.delete(record)
    announce("core.record-deleted", kind, record_id=record_id, actor_id=principal.id)


def _schema(rk: Any) -> Any:
    if rk.schema is None:
        raise TypeError(f"record kind {rk.kind!r} declares no schema; generic services need one")
    return rk.schema()


def _checked(rk: Any, values: dict[str, Any]) -> dict[str, Any]:
    """Refuse keys that are bookkeeping or not attributes of the model."""
    bad = {k: [_("This field cannot be set.")] for k in values
           if k in PROTECTED or not hasattr(rk.model, k)}
    if bad:
        raise ValidationError(_("Some fields are not valid."), fields=bad)
    return values


def _check_owner(principal: Any, permission: str, owner_id: int | None) -> None:
    """An owner outside the principal's write scope would hand the record away."""
    if not may_own(principal, permission, owner_id):
        raise Forbidden(_("You may not give this record to that owner."))


def _check_version(record: Any, expected: int | None) -> None:
    if expected is not None and getattr(record, "version", expected) != expected:
        raise Conflict(_("Someone saved this record meanwhile; reload it and try again."))


def _stamp(record: Any, principal: Any, *, created: bool) -> None:
    if principal.user_id is None:
        return
    if created and hasattr(record, "created_by_id"):
        record.created_by_id = principal.user_id
    if hasattr(record, "updated_by_id"):
        record.updated_by_id = principal.user_id


__all__ = ["create_record", "delete_record", "get_record", "update_record"]
