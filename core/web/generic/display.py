"""Field values as the reader should see them: locale-formatted, never ``None``."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from core.i18n import format_date, format_datetime, format_decimal, format_money
from core.i18n import gettext as _
from core.web.generic.declaration import Column

EMPTY = "—"


def display(record: Any, column: Column) -> Any:
    """The text shown for ``column`` of ``record``."""
    if callable(column.format):
        shown = column.format(record)
        return EMPTY if shown is None else shown
    value = getattr(record, column.name, None)
    if value is None:
        return EMPTY
    if isinstance(column.format, str) and column.format.startswith("money:"):
        return format_money(value, getattr(record, column.format.split(":", 1)[1]))
    return display_value(value)


def display_value(value: Any) -> Any:
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return format_datetime(value, "short")
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        places = max(0, -int(value.as_tuple().exponent))  # money keeps its cents: 12.30
        return format_decimal(value, "#,##0." + "0" * places if places else "#,##0")
    if isinstance(value, float):
        return format_decimal(value)
    return value
