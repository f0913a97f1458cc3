"""Client lists filtered and sorted by custom fields, record rules applied in the SQL.

The kernel's listing knows only a model's own columns; custom field values live in the
typed value table, so they are reached here: a filter is an ``IN`` over the value table
(using its ``(field_id, value_<type>)`` index), a sort reads the one value row of that
field per client (unique, so one index probe), empty values last.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, and_, select
from sqlalchemy.orm import aliased

from core.db import session
from core.errors import ValidationError
from core.i18n import gettext as _
from core.permissions import require, scope
from plugins.parties.models import Client, CustomField, CustomValue
from plugins.parties.services.categories import coerce_custom

LOOKUPS = ("eq", "ne", "lt", "lte", "gt", "gte", "contains", "isnull")
SORT_PREFIX = "cf."


def client_statement(principal: Any, *, custom: Mapping[str, Any] | None = None,
                     sort: str | None = None) -> Select:
    """Clients ``principal`` may read, filtered by ``custom`` and ordered by ``sort``.

    ``custom`` maps ``code`` or ``code__lookup`` (``eq ne lt lte gt gte contains isnull``) to
    a value given as text or typed; ``sort`` is ``cf.<code>`` or a client column, ``-`` first
    for descending. Unknown fields and bad values raise ``ValidationError`` naming the key.
    """
    require(principal, "parties.read")
    stmt = scope(select(Client), Client, principal, "read")
    custom = dict(custom or {})
    fields = _fields({k.partition("__")[0] for k in custom}
                     | ({sort.lstrip("-")[len(SORT_PREFIX):]}
                        if sort and sort.lstrip("-").startswith(SORT_PREFIX) else set()))
    for key, raw in custom.items():
        stmt = stmt.where(_condition(fields, key, raw))
    return stmt.order_by(*_order(fields, sort or "name"))


def list_clients(principal: Any, *, custom: Mapping[str, Any] | None = None,
                 sort: str | None = None, limit: int = 50, offset: int = 0) -> list[Client]:
    """One page of :func:`client_statement`."""
    stmt = client_statement(principal, custom=custom, sort=sort)
    return list(session().scalars(stmt.limit(limit).offset(offset)))


def _fields(codes: set[str]) -> dict[str, CustomField]:
    found = {f.code: f for f in session().scalars(
        select(CustomField).where(CustomField.code.in_(codes), CustomField.active))}
    missing = sorted(codes - set(found))
    if missing:
        raise ValidationError(_("Unknown custom field."),
                              fields={m: [_("No such custom field.")] for m in missing})
    return found


def _condition(fields: dict[str, CustomField], key: str, raw: Any) -> Any:
    code, _sep, lookup = key.partition("__")
    lookup = lookup or "eq"
    if lookup not in LOOKUPS:
        raise ValidationError(_("Unknown filter operator."),
                              fields={key: [_("Use one of: %(ops)s.", ops=", ".join(LOOKUPS))]})
    field = fields[code]
    col = getattr(CustomValue, field.value_column)
    having = select(CustomValue.client_id).where(CustomValue.field_id == field.id)
    if lookup == "isnull":
        empty = str(raw).lower() in ("1", "true", "yes", "on")
        present = Client.id.in_(having)
        return ~present if empty else present
    if lookup == "contains":
        pattern = "%" + str(raw).replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")
        return Client.id.in_(having.where(col.ilike(pattern + "%", escape="\\")))
    try:
        value = coerce_custom(field, raw)
    except ValueError as exc:
        raise ValidationError(str(exc), fields={key: [str(exc)]}) from None
    ops = {"eq": col.__eq__, "ne": col.__ne__, "lt": col.__lt__, "lte": col.__le__,
           "gt": col.__gt__, "gte": col.__ge__}
    return Client.id.in_(having.where(ops[lookup](value)))


def _order(fields: dict[str, CustomField], sort: str) -> list[Any]:
    descending = sort.startswith("-")
    name = sort.lstrip("-")
    if name.startswith(SORT_PREFIX):
        field = fields[name[len(SORT_PREFIX):]]
        value = aliased(CustomValue)
        col = getattr(value, field.value_column)
        sub = (select(col).where(and_(value.client_id == Client.id, value.field_id == field.id))
               .scalar_subquery())
        return [sub.is_(None), sub.desc() if descending else sub.asc(),
                Client.id.desc() if descending else Client.id.asc()]
    if name not in ("name", "status", "created_at", "updated_at", "country", "id"):
        raise ValidationError(_("Cannot sort by that."), fields={"sort": [name]})
    col = getattr(Client, name)
    return [col.desc() if descending else col.asc(),
            Client.id.desc() if descending else Client.id.asc()]
