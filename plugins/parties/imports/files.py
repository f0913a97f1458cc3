"""Reading uploaded CSV and XLSX files one row at a time, so memory stays flat.

CSV goes through the ``csv`` module over the open file (UTF-8, with or without BOM; the
delimiter, ``,`` ``;`` or tab, is guessed from the header line). XLSX goes through
openpyxl's read-only mode, which parses the sheet as a stream. Every cell comes out as
text: whole numbers without ``.0``, dates as ISO dates.
"""

from __future__ import annotations

import csv
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from core.errors import ValidationError
from core.i18n import gettext as _
from core.kernel import kontora

FORMATS = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx"}


def import_dir() -> Path:
    folder = kontora().settings.instance_path / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store_upload(filename: str, stream: IO[bytes]) -> tuple[str, str]:
    """Copy the upload under the instance folder; returns (stored name, format).

    The size limit is ``KONTORA_UPLOAD_MAX_BYTES`` (the web server refuses larger bodies
    before they reach here; 100,000 client rows are about 7 MB of CSV).
    """
    fmt = FORMATS.get(Path(filename).suffix.lower())
    if fmt is None:
        raise ValidationError(_("Upload a .csv or .xlsx file."),
                              fields={"file": [_("Upload a .csv or .xlsx file.")]})
    stored = f"{uuid.uuid4().hex}.{fmt}"
    path = import_dir() / stored
    size, limit = 0, kontora().settings.upload_max_bytes
    with path.open("wb") as out:
        while chunk := stream.read(1024 * 1024):
            size += len(chunk)
            if size > limit:
                out.close()
                path.unlink()
                raise ValidationError(_("The file is too large."),
                                      fields={"file": [_("The file is too large.")]})
            out.write(chunk)
    return stored, fmt


@contextmanager
def open_rows(stored: str, fmt: str) -> Iterator[Iterator[list[str]]]:
    """The file's rows (header first) as lists of text, read lazily."""
    path = import_dir() / stored
    try:
        if fmt == "xlsx":
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True, data_only=True)
            try:
                sheet = book.worksheets[0]
                yield ([_text(v) for v in row] for row in sheet.iter_rows(values_only=True))
            finally:
                book.close()
        else:
            with path.open(newline="", encoding="utf-8-sig") as fh:
                first = fh.readline()
                fh.seek(0)
                delimiter = max((";", ",", "\t"), key=first.count)
                yield (list(row) for row in csv.reader(fh, delimiter=delimiter))
    except (OSError, UnicodeDecodeError, csv.Error, ValueError, KeyError) as exc:
        raise ValidationError(_("The file cannot be read: %(reason)s", reason=str(exc)),
                              fields={"file": [str(exc)]}) from exc


def read_header(stored: str, fmt: str) -> list[str]:
    with open_rows(stored, fmt) as rows:
        header = next(rows, None)
    if not header or not any(h.strip() for h in header):
        raise ValidationError(_("The first row must name the columns."),
                              fields={"file": [_("The first row must name the columns.")]})
    return [h.strip() for h in header]


def count_rows(stored: str, fmt: str) -> int:
    """Data rows (after the header), counted by streaming through the file once."""
    with open_rows(stored, fmt) as rows:
        return max(0, sum(1 for _row in rows) - 1)


def remove(stored: str) -> None:
    (import_dir() / stored).unlink(missing_ok=True)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() \
            else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
