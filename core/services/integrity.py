"""A write the database's constraints refused, as the user-facing error naming the field.

The services validate input before writing, but a constraint can still refuse what they let
through: a reference to a row that does not exist (``owner_id`` of a deleted user), a value
another row holds (a unique code), a missing required column. That is the caller's input,
not a bug, so it answers 409 (a unique value taken, a row still referenced by others) or 422
(anything else) with the column named, the same on SQLite and PostgreSQL. The API's error
mapping and the generic record services both use :func:`integrity_error`, so the mapping
lives in this one place.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from core.db import Base, session
from core.errors import Conflict, KontoraError, ValidationError
from core.i18n import gettext as _

# PostgreSQL's SQLSTATE codes of the integrity class.
_UNIQUE, _FOREIGN_KEY, _NOT_NULL = "23505", "23503", "23502"
_PG_KEY = re.compile(r"^Key \((?P<columns>[^)]+)\)")
_SQLITE_COLUMN = re.compile(r"constraint failed: (?P<column>[\w.]+)")
_STATEMENT_TABLE = re.compile(r'^\s*(?:INSERT INTO|UPDATE)\s+"?(?P<table>\w+)"?', re.I)


def integrity_error(exc: IntegrityError) -> KontoraError:
    """The 409 or 422 to answer for ``exc``, naming the column when it can be known."""
    kind, column = _classify(exc)
    if kind == _UNIQUE:
        message = _("Another record already has this value.")
        return Conflict(message, fields={column: [message]} if column else None)
    if kind == _FOREIGN_KEY and _is_delete(exc):
        return Conflict(_("Other records still refer to this one; remove or change them "
                          "first."))
    if kind == _FOREIGN_KEY:
        columns = [column] if column else _missing_references(exc)
        message = _("There is no such record.")
        return ValidationError(_("The input is not valid."),
                               fields={name: [message] for name in columns} or None)
    if kind == _NOT_NULL:
        message = _("Missing data for required field.")
        return ValidationError(_("The input is not valid."),
                               fields={column: [message]} if column else None)
    return ValidationError(_("A value is not allowed here."))


def _last_column(message: str) -> str:
    """SQLite's ``UNIQUE constraint failed: t.a, t.b`` with the last column alone."""
    head, _sep, columns = message.partition("constraint failed: ")
    return f"{head}constraint failed: {columns.split(',')[-1].strip()}" if columns else message


def _is_delete(exc: IntegrityError) -> bool:
    """The refused statement removed a row still referenced (a delete, not a bad reference)."""
    detail = getattr(getattr(exc.orig, "diag", None), "message_detail", None) or ""
    return "is still referenced" in detail or \
        (exc.statement or "").lstrip().upper().startswith("DELETE")


def _classify(exc: IntegrityError) -> tuple[str | None, str | None]:
    """(SQLSTATE-like kind, column) from PostgreSQL's diagnostics or SQLite's message.

    Of a key over several columns the last is named: the models put the scope first and the
    value the user chose last (``UniqueConstraint("pipeline_id", "name")``).
    """
    orig = exc.orig
    state = getattr(orig, "sqlstate", None)
    if state:
        diag = getattr(orig, "diag", None)
        detail = getattr(diag, "message_detail", None) or ""
        key = _PG_KEY.match(detail)
        column = (key["columns"].split(",")[-1].strip() if key
                  else getattr(diag, "column_name", None))
        return state, column
    text = str(orig)
    found = _SQLITE_COLUMN.search(_last_column(text))
    column = found["column"].split(".")[-1] if found else None
    if "UNIQUE constraint failed" in text:
        return _UNIQUE, column
    if "FOREIGN KEY constraint failed" in text:
        return _FOREIGN_KEY, None  # SQLite does not say which key: see _missing_references
    if "NOT NULL constraint failed" in text:
        return _NOT_NULL, column
    return None, None


def _missing_references(exc: IntegrityError) -> list[str]:
    """The foreign-key columns of the refused statement that point at no row.

    SQLite only says "FOREIGN KEY constraint failed"; the statement and its parameters say
    which references were written, and a look-up says which of them are missing. When the
    refused statement left the transaction unusable (no savepoint caught it), it is rolled
    back first: the request answers an error anyway.
    """
    table = _table_of(exc.statement or "")
    values = _written_values(exc)
    if table is None or not values:
        return []
    written = [(column, values[column.name]) for column in table.columns
               if column.foreign_keys and values.get(column.name) is not None]

    def lookup() -> list[str]:
        missing = []
        for column, value in written:
            target = next(iter(column.foreign_keys)).column
            if session().execute(select(target).where(target == value)).first() is None:
                missing.append(column.name)
        return missing

    try:
        try:
            missing = lookup()
        except SQLAlchemyError:
            session().rollback()
            missing = lookup()
    except SQLAlchemyError:
        missing = []
    return missing or [column.name for column, _value in written]


def _table_of(statement: str) -> Table | None:
    found = _STATEMENT_TABLE.match(statement)
    return Base.metadata.tables.get(found["table"]) if found else None


def _written_values(exc: IntegrityError) -> dict[str, Any]:
    """Column -> value of a single-row INSERT or UPDATE (SQLite's positional parameters)."""
    params = exc.params
    if isinstance(params, dict):
        return params
    if not isinstance(params, tuple | list) or (params and isinstance(params[0], tuple | list)):
        return {}
    statement = exc.statement or ""
    insert = re.search(r"\((?P<columns>[^)]*)\)\s*VALUES", statement, re.I)
    if insert:
        names = [name.strip().strip('"') for name in insert["columns"].split(",")]
    else:
        assignments = re.search(r"\bSET\s+(?P<set>.*?)(?:\s+WHERE\b|$)", statement, re.I | re.S)
        names = ([part.split("=")[0].strip().strip('"') for part in assignments["set"].split(",")]
                 if assignments else [])
    return dict(zip(names, params, strict=False))


__all__ = ["integrity_error"]
