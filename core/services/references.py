"""Reference fields obey the record rules: a caller may point a record only at records
they may read.

Without this, an own-scope salesperson could attach a lead to another owner's client by
sending its id, and ``client_id: 99999`` would tell which ids exist. The reference fields
are found, not declared: every foreign key of the model to the table of a registered
record kind. A target that does not exist and one outside the caller's read scope get the
same 422, so the answer reveals nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import inspect, select

from core.db import session
from core.errors import ValidationError
from core.i18n import gettext as _
from core.kernel import kontora
from core.kinds import RecordKind
from core.permissions import scope


def check_references(principal: Any, model: type, values: Mapping[str, Any],
                     record: Any = None) -> None:
    """Raise a 422 naming each reference in ``values`` that ``principal`` may not read.

    ``record`` is the record being changed: a reference it already holds is left alone
    (re-saving a form must not fail on a client someone else now owns). Callers acting as
    nobody (``principal`` ``None``: public forms, the system) have checked on their own.
    """
    if principal is None:
        return
    bad = {}
    for key, kind in reference_fields(model).items():
        value = values.get(key)
        if value is None or (record is not None and getattr(record, key, None) == value):
            continue
        if not _readable(principal, kind, value):
            bad[key] = [_("There is no such record.")]
    if bad:
        raise ValidationError(_("Some fields are not valid."), fields=bad)


def reference_fields(model: type) -> dict[str, RecordKind]:
    """``{attribute: record kind}`` for the model's foreign keys to record kinds' tables."""
    kinds = {rk.model.__table__.name: rk for rk in kontora().kinds}
    found = {}
    for attr in inspect(model).column_attrs:
        for column in attr.columns:
            for fk in getattr(column, "foreign_keys", ()):
                kind = kinds.get(fk.column.table.name)
                if kind is not None:
                    found[attr.key] = kind
    return found


def _readable(principal: Any, kind: RecordKind, value: Any) -> bool:
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    if not principal.has(kind.read_permission):
        return False
    stmt = scope(select(kind.model.id).where(kind.model.id == value), kind.model, principal,
                 "read", prefix=kind.permission_prefix)
    return session().scalar(stmt) is not None


__all__ = ["check_references", "reference_fields"]
