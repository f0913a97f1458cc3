"""The complaints report page, by product, client or cause, and the same as CSV."""

from __future__ import annotations

import csv
import io

from flask import Response, render_template, request

from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required
from plugins.complaints import services
from plugins.complaints.views import bp


def csv_text(rows: list, by: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([by, _("Complaints"), _("Open"), _("Accepted"), _("Rejected"),
                     _("Resolved"), _("Average resolution, days"),
                     _("Longest resolution, days")])
    for row in rows:
        writer.writerow([row.label, row.count, row.open, row.accepted, row.rejected,
                         row.resolved, "" if row.average_days is None else row.average_days,
                         "" if row.longest_days is None else row.longest_days])
    return out.getvalue()


@bp.get("/report", endpoint="report")
@login_required
def report():
    by = request.args.get("by", "product")
    query = {k: v for k, v in request.args.items()
             if k in ("received_from", "received_until") and v}
    errors: dict[str, list[str]] = {}
    try:
        rows = services.complaints_report(current_principal(), by, query)
    except ValidationError as exc:
        rows, errors = [], exc.fields or {"_": [exc.message]}
    if request.args.get("format") == "csv" and not errors:
        return Response(csv_text(rows, by), mimetype="text/csv", headers={
            "Content-Disposition": f'attachment; filename="complaints-by-{by}.csv"'})
    return render_template("complaints/report.html", rows=rows, by=by, query=query,
                           errors=errors, dimensions=services.DIMENSIONS), \
        422 if errors else 200
