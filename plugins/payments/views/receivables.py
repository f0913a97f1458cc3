"""The aged-receivables report: page, CSV and XLSX."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Response, render_template, request
from openpyxl import Workbook

from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required
from plugins.payments.services.receivables import BUCKETS, AgedRow, aged_receivables
from plugins.payments.views import bp

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header() -> list[str]:
    return [_("Client"), _("Currency"), _("Current"), "1-30", "31-60", "61-90", "90+",
            _("Total")]


def _cells(row: AgedRow) -> list[Any]:
    return [row.client, row.currency, *(row.amounts[b] for b in BUCKETS), row.total]


def csv_text(rows: list[AgedRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header())
    writer.writerows([str(c) for c in _cells(row)] for row in rows)
    return out.getvalue()


def xlsx_bytes(rows: list[AgedRow]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Receivables"
    sheet.append(header())
    for row in rows:
        sheet.append(_cells(row))
    for cells in sheet.iter_rows(min_row=2, min_col=3):
        for cell in cells:
            cell.number_format = "#,##0.00"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export(rows: list[AgedRow], fmt: str | None) -> Response | None:
    """The report as a file when ``fmt`` asks for one."""
    if fmt == "csv":
        return Response(csv_text(rows), mimetype="text/csv", headers={
            "Content-Disposition": 'attachment; filename="aged-receivables.csv"'})
    if fmt == "xlsx":
        return Response(xlsx_bytes(rows), mimetype=XLSX, headers={
            "Content-Disposition": 'attachment; filename="aged-receivables.xlsx"'})
    return None


@bp.get("/receivables", endpoint="receivables")
@login_required
def receivables():
    rows = aged_receivables(current_principal())
    return export(rows, request.args.get("format")) or render_template(
        "payments/receivables.html", rows=rows, header=header(), buckets=BUCKETS)
