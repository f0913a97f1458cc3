"""Bank statements: the upload page with what each import did, and the review screen where
ambiguous and unmatched incoming transfers are settled against invoices picked by hand."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select

from core.db import session
from core.errors import Conflict, ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from plugins.payments.models import Statement
from plugins.payments.services import statements as service
from plugins.payments.views import bp


@bp.route("/statements", methods=["GET", "POST"], endpoint="statements")
@login_required
@permission_required("payments.write")
def statements():
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            errors = {"file": [_("Choose a CAMT or MT940 file.")]}
        else:
            try:
                done = service.import_statement(current_principal(), upload.read(),
                                                upload.filename)
            except ValidationError as exc:
                errors = exc.fields or {"file": [exc.message]}
            else:
                flash(_("%(new)s new lines (%(known)s known before): %(matched)s booked, "
                        "%(review)s to review.", new=done["new"], known=done["known"],
                        matched=done["matched"], review=done["review"]), "success")
                return redirect(url_for("payments.review"), code=303)
    recent = session().scalars(select(Statement).order_by(Statement.id.desc()).limit(50)).all()
    return render_template("payments/statements.html", errors=errors, recent=recent), \
        422 if errors else 200


@bp.get("/statements/review", endpoint="review")
@login_required
def review():
    principal = current_principal()
    lines = service.waiting_lines(principal)
    return render_template("payments/review.html", lines=[
        (line, service.pickable(principal, line)) for line in lines])


@bp.post("/statements/lines/<int:id>", endpoint="settle_line")
@login_required
def settle_line(id: int):
    principal = current_principal()
    try:
        if request.form.get("action") == "ignore":
            service.ignore_line(principal, id)
        else:
            chosen = [int(v) for v in request.form.getlist("invoice") if v.isdigit()]
            service.settle_line(principal, id, chosen)
    except (Conflict, ValidationError) as exc:
        details = "; ".join(m for ms in (exc.fields or {}).values() for m in ms)
        flash(f"{exc.message} {details}".strip(), "danger")
    else:
        flash(_("Line settled."), "success")
    return redirect(url_for("payments.review"), code=303)
