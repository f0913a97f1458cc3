"""Listing records: filters, search, sort and keyset pagination for web lists, exports and the API.

Every list of a record kind goes through here, so the record rules (``core.permissions.scope``)
are applied inside the SQL and no list, count, export or API page can reveal a forbidden row.

Pagination seeks instead of skipping: the cursor carries the last row's sort value and id and
the next page starts strictly after it (``WHERE (sort, id) > (v, id)``), so page 10,000 costs
what page 1 costs and rows inserted meanwhile neither repeat nor vanish. It needs an index on
each sortable column (plus ``id``), which the plugin owning the table declares.

What may be filtered, searched and sorted is declared on the record kind's ``extra``:

- ``"filters"``: column names that may be filtered (default: every column);
- ``"search"``: text columns the search box looks in (default: the folded ``search_text`` of a
  ``SearchTextMixin`` model, which ignores case and diacritics, else every string column);
- ``"sort"``: column names that may be sorted on (default: every column);
- ``"default_sort"``: the order when none is asked for (default: ``"-id"``, newest first).
"""

from __future__ import annotations

import binascii
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import Select, String, and_, false, func, inspect, or_, select, tuple_
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeDecorator

from core.db import SearchTextMixin, session
from core.db.search import matches as search_matches
from core.errors import NotFound, ValidationError
from core.i18n import gettext as _
from core.kernel import kontora
from core.kinds import RecordKind
from core.permissions import require, scope

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
EXPORT_BATCH = 500
LOOKUPS = ("eq", "ne", "lt", "lte", "gt", "gte", "in", "contains", "isnull")
_CURSOR_SALT = "kontora.listing.cursor"


@dataclass(frozen=True)
class Page:
    """One page of records; ``next_cursor`` is ``None`` on the last page."""

    items: list[Any]
    next_cursor: str | None


def list_records(principal: Any, kind: str | RecordKind, *,
                 filters: Mapping[str, Any] | None = None, search: str | None = None,
                 sort: str | None = None, cursor: str | None = None,
                 limit: int = DEFAULT_LIMIT, eager: bool = False) -> Page:
    """A page of the records of ``kind`` that ``principal`` may read.

    ``filters`` maps ``column`` or ``column__lookup`` (lookups: ``eq ne lt lte gt gte in
    contains isnull``) to a value, given as text (query strings) or already typed; ``search``
    matches every word in any searchable column; ``sort`` is a column name, ``-`` first for
    descending. Unknown columns, bad values and foreign cursors raise ``ValidationError``
    naming the parameter. ``eager`` loads the kind's ``load_options`` with the page (for a
    page that shows what the kind's schema dumps: the API, the generic lists).
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise ValidationError(_("Invalid page size."), fields={"limit": [
            _("Give a whole number from 1 to %(max)s.", max=MAX_LIMIT)]})
    query = _Query(principal, kind, filters, search, sort)
    stmt = query.statement()
    if eager:
        stmt = stmt.options(*query.kind.load_options)
    if cursor:
        stmt = stmt.where(query.after(_decode_cursor(cursor, query)))

    rows = list(session().scalars(stmt.limit(limit + 1)))
    items = rows[:limit]
    next_cursor = _encode_cursor(query, items[-1]) if len(rows) > limit else None
    return Page(items, next_cursor)


def iter_records(principal: Any, kind: str | RecordKind, *,
                 filters: Mapping[str, Any] | None = None, search: str | None = None,
                 sort: str | None = None, batch: int = EXPORT_BATCH,
                 columns: Sequence[str] | None = None) -> Iterator[Any]:
    """Every matching record in list order, fetched ``batch`` rows at a time (exports).

    With ``columns`` (names of the model's column attributes) it yields plain rows of
    those columns instead of ORM objects: the same rows, record rules and order, without
    building an entity per row.
    """

    query = _Query(principal, kind, filters, search, sort)
    stmt = query.statement().execution_options(yield_per=batch)
    if columns is None:
        yield from session().scalars(stmt)
    else:
        yield from session().execute(
            stmt.with_only_columns(*(getattr(query.model, c) for c in columns)))


def count_records(principal: Any, kind: str | RecordKind, *,
                  filters: Mapping[str, Any] | None = None, search: str | None = None) -> int:
    """How many records ``list_records`` would walk through, record rules applied."""

    query = _Query(principal, kind, filters, search, None)
    inner = query.filtered().with_only_columns(query.id_col).order_by(None).subquery()
    return int(session().scalar(select(func.count()).select_from(inner)) or 0)


# --- building the query ------------------------------------------------------------------


class _Query:
    """The parsed, validated listing request for one kind and principal."""

    def __init__(self, principal: Any, kind: str | RecordKind,
                 filters: Mapping[str, Any] | None, search: str | None,
                 sort: str | None) -> None:
        self.kind = _resolve_kind(kind)
        require(principal, self.kind.read_permission)
        self.principal = principal
        self.model = self.kind.model
        self.columns = _columns(self.model)
        self.id_col = self.model.id
        self.filters = dict(filters or {})
        self.search = (search or "").strip()
        self.sort = sort or self.kind.extra.get("default_sort") or "-id"
        self.sort_col, self.descending = self._parse_sort(self.sort)

    # allowed names

    def _allowed(self, key: str, default: Iterable[str]) -> list[str]:
        declared = self.kind.extra.get(key)
        return list(declared) if declared is not None else list(default)

    def _parse_sort(self, sort: str) -> tuple[InstrumentedAttribute, bool]:
        name = sort.strip()
        descending = name.startswith("-")
        name = name.removeprefix("-").removeprefix("+")
        allowed = set(self._allowed("sort", self.columns)) | {"id"}
        if name not in allowed or name not in self.columns:
            raise ValidationError(
                _("Cannot sort by %(name)s.", name=name),
                fields={"sort": [_("Unknown column %(name)s; use one of: %(allowed)s.",
                                   name=name, allowed=", ".join(sorted(allowed)))]},
            )
        return getattr(self.model, name), descending

    # statement

    def filtered(self) -> Select:
        # The kind's own prefix: a kind listed without being registered (a plugin's list over
        # a base model of several kinds) is scoped by its rules too, never left unscoped.
        stmt = scope(select(self.model), self.model, self.principal, action="read",
                     prefix=self.kind.permission_prefix)
        conditions = [self._filter(key, value) for key, value in self.filters.items()]
        if self.search:
            conditions.append(self._search())
        return stmt.where(*conditions) if conditions else stmt

    def statement(self) -> Select:
        nullable = self.sort_col.property.columns[0].nullable and self.sort_col is not self.id_col
        order: list[Any] = [self.sort_col.is_(None)] if nullable else []
        if self.sort_col is not self.id_col:
            order.append(self.sort_col.desc() if self.descending else self.sort_col.asc())
        order.append(self.id_col.desc() if self.descending else self.id_col.asc())
        return self.filtered().order_by(*order)

    def after(self, last: tuple[Any, int]) -> ColumnElement[bool]:
        """Rows strictly after ``(value, id)`` in this order (NULL sort values come last)."""
        value, last_id = last

        def beyond(col: Any, v: Any) -> ColumnElement[bool]:
            return col < v if self.descending else col > v

        if self.sort_col is self.id_col:
            return beyond(self.id_col, last_id)
        nullable = self.sort_col.property.columns[0].nullable
        if value is None:
            return and_(self.sort_col.is_(None), beyond(self.id_col, last_id))
        # One row-value comparison is one range of the (column, id) index; the same test
        # spelled "col > v OR (col = v AND id > i)" is not, and the database would walk
        # the index from its start to the cursor, as slow as OFFSET (docs/benchmarks.md).
        later = beyond(tuple_(self.sort_col, self.id_col), (value, last_id))
        return or_(later, self.sort_col.is_(None)) if nullable else later

    # filters and search

    def _filter(self, key: str, raw: Any) -> ColumnElement[bool]:
        name, _sep, lookup = str(key).partition("__")
        lookup = lookup or "eq"
        related = self.kind.extra.get("related_filters", {})
        if name in related and lookup == "eq":  # a kind's own condition (contacts of a client)
            return related[name](_coerce(int, raw, key))
        allowed = self._allowed("filters", self.columns)
        if name not in allowed or name not in self.columns:
            raise ValidationError(_("Cannot filter by %(name)s.", name=name), fields={key: [
                _("Unknown column %(name)s; use one of: %(allowed)s.",
                  name=name, allowed=", ".join(sorted(allowed)))]})
        if lookup not in LOOKUPS:
            raise ValidationError(_("Unknown filter operator %(name)s.", name=lookup),
                                  fields={key: [_("Use one of: %(allowed)s.",
                                                  allowed=", ".join(LOOKUPS))]})
        col = getattr(self.model, name)
        if lookup == "isnull":
            return col.is_(None) if _coerce(bool, raw, key) else col.is_not(None)
        if lookup == "in":
            values = raw.split(",") if isinstance(raw, str) else list(raw)
            typed = [_coerce(_python_type(col), v, key) for v in values]
            return col.in_(typed) if typed else false()
        if lookup == "contains":
            return col.ilike(_like_pattern(_coerce(str, raw, key)), escape="\\")
        value = None if raw is None else _coerce(_python_type(col), raw, key)
        if value is None:
            if lookup not in ("eq", "ne"):
                raise ValidationError(_("A value is required."), fields={key: [_("Give a value.")]})
            return col.is_(None) if lookup == "eq" else col.is_not(None)
        return {"eq": col.__eq__, "ne": col.__ne__, "lt": col.__lt__, "lte": col.__le__,
                "gt": col.__gt__, "gte": col.__ge__}[lookup](value)

    def _search(self) -> ColumnElement[bool]:
        text = _coerce(str, self.search, "search")
        if issubclass(self.model, SearchTextMixin) and "search" not in self.kind.extra:
            return search_matches(self.model, text)
        default = [n for n, c in self.columns.items() if isinstance(c.type, String)]
        fields = [getattr(self.model, n) for n in self._allowed("search", default)]
        if not fields:
            raise ValidationError(_("This list cannot be searched."),
                                  fields={"search": [_("Searching is not available here.")]})
        words = text.split()[:10]
        return and_(*(or_(*(f.ilike(_like_pattern(w), escape="\\") for f in fields))
                      for w in words))


def _resolve_kind(kind: str | RecordKind) -> RecordKind:
    if isinstance(kind, RecordKind):
        return kind

    found = kontora().kinds.get(kind)
    if found is None:
        raise NotFound(_("There is no record kind %(kind)s.", kind=kind))
    return found


def _columns(model: Any) -> dict[str, Any]:
    """The model's plain column attributes by attribute name."""
    return {attr.key: attr.columns[0] for attr in inspect(model).column_attrs}


def _python_type(col: Any) -> type:
    sql_type = col.property.columns[0].type
    if isinstance(sql_type, TypeDecorator):  # Money, UTCDateTime: what the column stores
        sql_type = sql_type.impl_instance
    try:
        py_type = sql_type.python_type
    except NotImplementedError:
        return str
    return py_type if isinstance(py_type, type) and py_type is not object else str


def _like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _coerce(py_type: type, raw: Any, field: str) -> Any:
    """``raw`` (usually query-string text) as ``py_type``; a bad value names ``field``."""
    if raw is None:
        return None
    if isinstance(raw, str) and "\x00" in raw:
        raise ValidationError(_("Invalid value for %(field)s.", field=field),
                              fields={field: [_("Text must not contain NUL characters.")]})
    if isinstance(raw, py_type) and not (py_type is int and isinstance(raw, bool)):
        return raw
    text = str(raw).strip()
    try:
        if py_type is bool:
            if text.lower() in _TRUE:
                return True
            if text.lower() in _FALSE:
                return False
            raise ValueError(text)
        if py_type is int:
            value = int(text)
            if not -(2**63) <= value < 2**63:
                raise ValueError(text)
            return value
        if py_type is Decimal:
            value = Decimal(text)
            if not value.is_finite() or value.adjusted() > 20:  # beyond any NUMERIC(18)
                raise ValueError(text)
            return value
        if py_type is float:
            value = float(text)
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueError(text)
            return value
        if py_type is datetime:
            value = datetime.fromisoformat(text)
            if value.tzinfo is None:
                value = value.replace(tzinfo=UTC)
            return value
        if py_type is date:
            return date.fromisoformat(text)
        if issubclass(py_type, Enum):
            try:
                return py_type(text)
            except ValueError:
                return py_type[text]
        return text if py_type is str else py_type(text)
    except (ValueError, TypeError, KeyError, InvalidOperation, OverflowError):
        raise ValidationError(_("Invalid value for %(field)s.", field=field),
                              fields={field: [_type_error(py_type)]}) from None


def _type_error(py_type: type) -> str:
    if py_type is bool:
        return _("Not a valid boolean (true or false).")
    if py_type is int:
        return _("Not a valid whole number.")
    if py_type in (Decimal, float):
        return _("Not a valid number.")
    if py_type is datetime:
        return _("Not a valid date and time (YYYY-MM-DDTHH:MM).")
    if py_type is date:
        return _("Not a valid date (YYYY-MM-DD).")
    return _("Not a valid value.")


# --- cursors -----------------------------------------------------------------------------


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(kontora().settings.secret_key, salt=_CURSOR_SALT)


def _encode_cursor(query: _Query, last: Any) -> str:
    value = getattr(last, query.sort_col.key)
    if isinstance(value, Enum):
        value = value.value
    elif value is not None and not isinstance(value, bool | int | str):
        value = value.isoformat() if isinstance(value, date) else str(value)
    return _serializer().dumps({"k": query.kind.kind, "s": query.sort, "v": value, "i": last.id})


def _decode_cursor(cursor: str, query: _Query) -> tuple[Any, int]:
    invalid = ValidationError(_("Invalid cursor."),
                              fields={"cursor": [_("Not a cursor of this list; start again.")]})
    try:
        data = _serializer().loads(cursor)
    except (BadSignature, binascii.Error, UnicodeError, ValueError, json.JSONDecodeError):
        raise invalid from None
    if (not isinstance(data, dict) or data.get("k") != query.kind.kind
            or data.get("s") != query.sort or not isinstance(data.get("i"), int)):
        raise invalid
    value = data.get("v")
    if value is not None:
        value = _coerce(_python_type(query.sort_col), value, "cursor")
    return value, data["i"]


__all__ = ["Page", "count_records", "iter_records", "list_records"]
