"""REST side of numbering: series (list, create, change) and the gap report (JSON or CSV)."""

from __future__ import annotations

from flask import Response, jsonify, request
from marshmallow import Schema, fields
from sqlalchemy import select

from core.api.blueprint import api_blueprint, api_principal, json_body
from core.api.openapi import operation
from core.db import session
from core.numbering.models import NumberSeries
from core.numbering.report import gap_report, issued_page, report_csv
from core.numbering.series import (
    AUDIT_PERMISSION,
    SeriesSchema,
    create_series,
    series_by_code,
    update_series,
)
from core.permissions import require

bp = api_blueprint("numbering_api", __name__, url_prefix="/numbering")


class SeriesListSchema(Schema):
    items = fields.List(fields.Nested(SeriesSchema), required=True)


class IssuedSchema(Schema):
    seq = fields.Integer(required=True)
    number = fields.String(required=True)
    record_kind = fields.String(allow_none=True)
    record_id = fields.Integer(allow_none=True)
    issued_at = fields.AwareDateTime(required=True)
    issued_by_id = fields.Integer(allow_none=True)


class PeriodSchema(Schema):
    period = fields.String(required=True)
    next_value = fields.Integer(required=True)
    count = fields.Integer(required=True)
    complete = fields.Boolean(required=True)
    missing = fields.List(fields.Integer(), required=True)
    duplicates = fields.List(fields.Integer(), required=True)
    issued = fields.List(fields.Nested(IssuedSchema), required=True)


class ReportSchema(Schema):
    series = fields.Nested(SeriesSchema, required=True)
    periods = fields.List(fields.Nested(PeriodSchema), required=True)


@bp.get("/series")
@operation("GET", summary="Numbering series", tags=["numbering"],
           responses={200: SeriesListSchema})
def list_series() -> Response:
    require(api_principal(), AUDIT_PERMISSION)
    rows = session().scalars(select(NumberSeries).order_by(NumberSeries.code)).all()
    return jsonify(SeriesListSchema().dump({"items": rows}))


@bp.post("/series")
@operation("POST", summary="Create a numbering series", tags=["numbering"],
           request=SeriesSchema, responses={201: SeriesSchema}, errors=(415, 422))
def create_series_api() -> tuple[Response, int]:
    row = create_series(api_principal(), json_body())
    return jsonify(SeriesSchema().dump(row)), 201


@bp.patch("/series/<code>")
@operation("PATCH", summary="Change a numbering series", tags=["numbering"],
           request=SeriesSchema, responses={200: SeriesSchema}, errors=(409, 415, 422),
           description="The code stays once numbers were issued, and so does yearly_reset.")
def update_series_api(code: str) -> Response:
    row = update_series(api_principal(), code, json_body())
    return jsonify(SeriesSchema().dump(row))


@bp.get("/series/<code>/report")
@operation("GET", summary="Gap report of a series: every number issued, and any missing",
           tags=["numbering"],
           responses={200: {"application/json": ReportSchema,
                            "text/csv": {"type": "string", "description": "format=csv"}}},
           parameters=[{"in": "query", "name": "format",
                        "schema": {"type": "string", "enum": ["json", "csv"]}}])
def report_api(code: str) -> Response:
    require(api_principal(), AUDIT_PERMISSION)
    row = series_by_code(code)
    if request.args.get("format") == "csv":
        return Response(list(report_csv(row)), mimetype="text/csv")
    periods = [{"period": r.period, "next_value": r.next_value, "count": r.count,
                "complete": r.complete, "missing": r.missing, "duplicates": r.duplicates,
                "issued": issued_page(row, r.period, limit=None)} for r in gap_report(row)]
    return jsonify(ReportSchema().dump({"series": row, "periods": periods}))
