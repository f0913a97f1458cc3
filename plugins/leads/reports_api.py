"""The sales funnel report as JSON (``GET /api/v1/leads/reports/funnel``): the figures the
report page shows, with the page's filters, from the same report service."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from marshmallow import Schema, fields

from core.api.blueprint import api_blueprint, api_principal
from core.api.openapi import operation
from core.errors import ValidationError
from core.i18n import gettext as _
from core.jobs import clock
from plugins.leads.reports import Funnel, funnel, funnel_filters, offered_services

bp = api_blueprint("leads_reports_api", __name__)

_AMOUNTS = fields.Dict(keys=fields.String(), values=fields.Decimal(as_string=True),
                       metadata={"description": "Sum of budgets per currency code."})


class FunnelStageSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    entering = fields.Integer(metadata={"description": "Leads that entered it in the period."})
    value = _AMOUNTS
    by_month = fields.Dict(keys=fields.String(), values=fields.Integer(),
                           metadata={"description": "Leads entering it per month (YYYY-MM)."})


class FunnelStepSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    reached = fields.Integer(metadata={"description": "Leads that reached it or a later step."})
    conversion = fields.Decimal(as_string=True, allow_none=True, metadata={
        "description": "Percent of the previous step's leads that reached this one."})


class FunnelCountSchema(Schema):
    name = fields.String()
    count = fields.Integer()


class OfferedServiceSchema(Schema):
    product_id = fields.Integer(allow_none=True)
    description = fields.String()
    currency = fields.String()
    quantity = fields.Decimal(as_string=True)
    net = fields.Decimal(as_string=True)
    documents = fields.Integer()


class FunnelReportSchema(Schema):
    pipeline_id = fields.Integer()
    pipeline = fields.String()
    date_from = fields.Date()
    date_to = fields.Date()
    months = fields.List(fields.String())
    stages = fields.List(fields.Nested(FunnelStageSchema))
    steps = fields.List(fields.Nested(FunnelStepSchema))
    lost_where = fields.List(fields.Nested(FunnelCountSchema), metadata={
        "description": "Lost deals by the stage they were lost from."})
    lost_why = fields.List(fields.Nested(FunnelCountSchema), metadata={
        "description": "Lost deals by reason."})
    offered = fields.List(fields.Nested(OfferedServiceSchema), metadata={
        "description": "What was offered in the period, per product and currency."})


_DATE = {"type": "string", "pattern": r"^\s*([0-9]{4}-[0-9]{2}-[0-9]{2})?\s*$"}
_ID = {"type": "string", "pattern": r"^\s*([0-9]+)?\s*$"}
FILTERS = [  # as the page's form sends them: a blank value is the default
    {"name": "date_from", "in": "query", "schema": _DATE,
     "description": "First day, YYYY-MM-DD (default: twelve months back)."},
    {"name": "date_to", "in": "query", "schema": _DATE,
     "description": "Last day (default: today); at most ten years after date_from."},
    {"name": "pipeline_id", "in": "query", "schema": _ID,
     "description": "Default: the default pipeline."},
    {"name": "owner_id", "in": "query", "schema": _ID,
     "description": "Only this salesperson's leads."},
]


@bp.get("/leads/reports/funnel")
@operation("GET", summary="The sales funnel of a pipeline over a period", tags=["leads"],
           parameters=FILTERS, responses={200: FunnelReportSchema})
def funnel_report():
    principal = api_principal()
    values = funnel_filters(request.args, clock.today())
    if values["pipeline"] is None:
        raise ValidationError(_("No sales pipeline is set up yet."),
                              fields={"pipeline_id": [_("No pipeline is set up.")]})
    report = funnel(principal, values["pipeline"].id, values["date_from"], values["date_to"],
                    values["owner_id"])
    offered = offered_services(principal, values["date_from"], values["date_to"],
                               values["owner_id"])
    return jsonify(FunnelReportSchema().dump(_figures(report, offered)))


def _figures(report: Funnel, offered: list[dict[str, Any]]) -> dict[str, Any]:
    rates = {after.id: rate for _before, after, rate in report.conversion}
    return {
        "pipeline_id": report.pipeline.id, "pipeline": report.pipeline.name,
        "date_from": report.date_from, "date_to": report.date_to, "months": report.months,
        "stages": [{"id": s.id, "name": s.name, "entering": report.entering[s.id],
                    "value": report.value[s.id],
                    "by_month": {m: report.by_month[m][s.id] for m in report.months}}
                   for s in report.stages],
        "steps": [{"id": s.id, "name": s.name, "reached": report.reached[s.id],
                   "conversion": rates.get(s.id)} for s in report.steps],
        "lost_where": [{"name": n, "count": c} for n, c in report.lost_where],
        "lost_why": [{"name": n, "count": c} for n, c in report.lost_why],
        "offered": offered,
    }
