"""CSV and XLSX exports of a filtered list, read in batches so a million rows fit in memory.

CSV is streamed row by row inside its own unit of work (the request's has closed by the
time the body is sent). XLSX is written by openpyxl's write-only workbook, which keeps rows
on disk, into a spooled temporary file that is then streamed. Text that a spreadsheet
would run as a formula is prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from flask import Response, send_file, stream_with_context
from sqlalchemy import Row, inspect

from core.kernel import kontora
from core.web.generic.declaration import Column

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_MIMETYPE = "text/csv; charset=utf-8"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

RecordSource = Callable[[], Iterator[Any]]


def plain_columns(model: Any, columns: tuple[Column, ...]) -> list[str] | None:
    """The names to select when every column is a plain column attribute of ``model``.

    Then the export reads rows of those columns rather than ORM objects (several times
    faster); a callable ``format``, a relationship or a property needs the object, and so
    does a name a result row uses for itself (``count``, ``index``).
    """
    attrs = {a.key for a in inspect(model).column_attrs}
    names = [c.name for c in columns]
    if any(callable(c.format) for c in columns) or not set(names) <= attrs \
            or any(hasattr(Row, n) for n in names):
        return None
    return names


def cell_value(record: Any, column: Column, tz: Any) -> Any:
    """The typed value of ``column``; datetimes in the reader's zone, text made inert."""
    value = column.format(record) if callable(column.format) else getattr(record, column.name,
                                                                          None)
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, datetime):
        return value.astimezone(tz).replace(tzinfo=None)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_response(records: RecordSource, columns: tuple[Column, ...], filename: str,
                 tz: Any) -> Response:
    k = kontora()

    def generate() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([str(c.title) for c in columns])
        yield "\ufeff" + _drain(buffer)  # the BOM makes spreadsheets read UTF-8
        with k.db.unit():
            for record in records():
                writer.writerow([_csv_text(cell_value(record, c, tz)) for c in columns])
                if buffer.tell() > 64 * 1024:
                    yield _drain(buffer)
        yield _drain(buffer)

    return Response(stream_with_context(generate()), mimetype=CSV_MIMETYPE,
                    headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'})


def xlsx_response(records: RecordSource, columns: tuple[Column, ...], filename: str,
                  title: str, tz: Any) -> Response:
    # openpyxl is large and only an XLSX export needs it: imported then, not at start-up
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    def xlsx_value(value: Any) -> Any:
        """Control characters XML forbids (a pasted or imported name may hold one) are
        dropped: openpyxl refuses them, which broke the whole file."""
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31] or "Sheet1")
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=str(column.title))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for record in records():
        sheet.append([xlsx_value(cell_value(record, c, tz)) for c in columns])
    # send_file closes the file once the response has been sent.
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    book.save(out)
    out.seek(0)
    return send_file(out, mimetype=XLSX_MIMETYPE, as_attachment=True,
                     download_name=f"{filename}.xlsx")


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
