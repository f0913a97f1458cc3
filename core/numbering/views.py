"""Admin pages for numbering series and the auditor's gap report (page and CSV)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from sqlalchemy import select

from core.db import session
from core.errors import Conflict, ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import permission_required
from core.kernel import kontora
from core.numbering.models import NumberSeries
from core.numbering.report import gap_report, issued_page, report_csv
from core.numbering.series import (
    ADMIN_PERMISSION,
    AUDIT_PERMISSION,
    create_series,
    series_by_code,
    update_series,
)

PAGE = 100
"""Issued numbers shown per page of a period (keyset on the sequence value)."""

bp = Blueprint("numbering", __name__, url_prefix="/admin/numbering",
               template_folder="templates")


def _form() -> dict[str, Any]:
    form = request.form
    return {"code": form.get("code", "").strip(), "kind": form.get("kind", "").strip(),
            "label": form.get("label", "").strip(), "pattern": form.get("pattern", "").strip(),
            "yearly_reset": form.get("yearly_reset") == "on", "active": form.get("active") == "on"}


@bp.route("/", methods=["GET", "POST"])
@permission_required(AUDIT_PERMISSION)
def index() -> Any:
    errors: dict[str, list[str]] = {}
    principal = current_principal()
    if request.method == "POST":
        try:
            series = create_series(principal, _form())
        except (ValidationError, Conflict) as exc:
            errors = exc.fields or {"code": [exc.message]}
        else:
            flash(_("The series is created."), "success")
            return redirect(url_for("numbering.series", code=series.code))
    rows = session().scalars(select(NumberSeries).order_by(NumberSeries.code)).all()
    return render_template("numbering/index.html", rows=rows, errors=errors,
                           form=request.form, may_admin=principal.has(ADMIN_PERMISSION)), \
        422 if errors else 200


@bp.route("/<code>", methods=["GET", "POST"])
@permission_required(AUDIT_PERMISSION)
def series(code: str) -> Any:
    principal = current_principal()
    row = series_by_code(code)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        data = _form()
        data.pop("code")
        try:
            update_series(principal, code, data)
        except (ValidationError, Conflict) as exc:
            errors = exc.fields or {"pattern": [exc.message]}
        else:
            flash(_("The series is saved."), "success")
            return redirect(url_for("numbering.series", code=code))
    reports = gap_report(row)
    shown = request.args.get("period") or (reports[0].period if reports else "")
    after = request.args.get("after", "")
    page = issued_page(row, shown, int(after) if after.isdigit() else 0, PAGE + 1)
    return render_template("numbering/series.html", row=row, reports=reports, shown=shown,
                           issued=page[:PAGE], more=len(page) > PAGE,
                           errors=errors, may_admin=principal.has(ADMIN_PERMISSION)), \
        422 if errors else 200


@bp.get("/<code>/report.csv")
@permission_required(AUDIT_PERMISSION)
def report(code: str) -> Response:
    series_by_code(code)  # 404 before the stream starts
    k = kontora()

    def generate() -> Iterator[str]:
        with k.db.unit():  # the request's unit has closed once the body streams
            yield from report_csv(series_by_code(code))

    return Response(stream_with_context(generate()), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="numbers-{code}.csv"'})
