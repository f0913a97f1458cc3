"""The sales funnel report: filters, tables, charts and CSV export."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Response, render_template, request

from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import permission_required
from core.jobs import clock
from plugins.leads.reports import default_period, funnel, funnel_filters, offered_services
from plugins.leads.services.pipelines import pipelines
from plugins.leads.views import bp
from plugins.leads.views.common import owner_choices


def _filters() -> dict[str, Any]:
    return funnel_filters(request.args, clock.today())


@bp.get("/reports")
@permission_required("leads.reports")
def reports():
    principal = current_principal()
    errors: dict[str, Any] = {}
    try:
        values = _filters()
    except ValidationError as exc:
        errors = exc.fields or {}
        start, end = default_period(clock.today())
        values = {"date_from": start, "date_to": end, "pipeline": None, "owner_id": None}
    report = None
    services: list[dict[str, Any]] = []
    if values["pipeline"] is not None and not errors:
        report = funnel(principal, values["pipeline"].id, values["date_from"],
                        values["date_to"], values["owner_id"])
        services = offered_services(principal, values["date_from"], values["date_to"],
                                    values["owner_id"])
    return render_template("leads/reports.html", report=report, services=services,
                           values=values, errors=errors, pipelines=pipelines(),
                           owners=owner_choices(), chart=_chart(report) if report else None,
                           args=request.args), 422 if errors else 200


def _chart(report: Any) -> dict[str, Any]:
    """What the charts draw, as plain JSON for ``static/leads/reports.js``."""
    return {
        "steps": [s.name for s in report.steps],
        "reached": [report.reached[s.id] for s in report.steps],
        "stages": [s.name for s in report.stages],
        "entering": [report.entering[s.id] for s in report.stages],
        "months": report.months,
        "by_month": [{"stage": s.name, "counts": [report.by_month[m][s.id]
                                                  for m in report.months]}
                     for s in report.stages],
        "lost_why": [{"label": name, "count": count} for name, count in report.lost_why],
        "labels": {"reached": _("Leads reaching the step"), "entering": _("Leads entering"),
                   "lost": _("Lost deals")},
    }


@bp.get("/reports/funnel.csv")
@permission_required("leads.reports")
def reports_csv():
    values = _filters()
    if values["pipeline"] is None:
        raise ValidationError(_("No sales pipeline is set up yet."),
                              fields={"pipeline_id": [_("No pipeline is set up.")]})
    principal = current_principal()
    report = funnel(principal, values["pipeline"].id, values["date_from"], values["date_to"],
                    values["owner_id"])
    out = io.StringIO()
    out.write("\ufeff")  # spreadsheets read UTF-8 then
    writer = csv.writer(out)
    writer.writerow(["section", "month", "stage", "leads", "value", "currency", "percent"])
    for stage in report.stages:
        values_by_currency = report.value[stage.id] or {"": None}
        for currency, amount in values_by_currency.items():
            writer.writerow(["entering", "", _cell(stage.name), report.entering[stage.id],
                             amount if amount is not None else "", currency, ""])
    for month in report.months:
        for stage in report.stages:
            writer.writerow(["entering_by_month", month, _cell(stage.name),
                             report.by_month[month][stage.id], "", "", ""])
    for before, after, rate in report.conversion:
        writer.writerow(["conversion", "", _cell(f"{before.name} -> {after.name}"),
                         report.reached[after.id], "", "", rate if rate is not None else ""])
    for name, count in report.lost_where:
        writer.writerow(["lost_where", "", _cell(name), count, "", "", ""])
    for name, count in report.lost_why:
        writer.writerow(["lost_why", "", _cell(name), count, "", "", ""])
    for row in offered_services(principal, values["date_from"], values["date_to"],
                                values["owner_id"]):
        writer.writerow(["offered", "", _cell(row["description"]), row["documents"],
                         row["net"], row["currency"], ""])
    name = f"funnel-{values['date_from']}-{values['date_to']}.csv"
    return Response(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{name}"'})


def _cell(text: str) -> str:
    """Text a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
