"""Staff side of the requisites questionnaire: send it, review the answers, apply them."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select

from core.db import session
from core.errors import Conflict, ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from plugins.contracts import services
from plugins.contracts.models import RequisitesRequest
from plugins.contracts.services.requisites import questions_for
from plugins.contracts.views import bp


@bp.route("/requisites", methods=["GET", "POST"], endpoint="requisites")
@login_required
@permission_required("contracts.requisites")
def requisites():
    errors: dict = {}
    status = 200
    if request.method == "POST":
        try:
            services.request_requisites(current_principal(), {
                "party_id": request.form.get("party_id") or None,
                "to": request.form.get("to") or None})
        except ValidationError as exc:
            errors, status = exc.fields or {}, 422
        else:
            flash(_("The questionnaire was sent."), "success")
            return redirect(url_for("contracts.requisites"))
    rows = session().scalars(select(RequisitesRequest)
                             .order_by(RequisitesRequest.id.desc()).limit(200)).all()
    return render_template("contracts/requisites.html", rows=rows,
                           errors=errors, questions_for=questions_for), status


@bp.post("/requisites/<int:id>/<any(apply, reject):action>", endpoint="requisites_review")
@login_required
def requisites_review(id: int, action: str):
    fn = services.apply_requisites if action == "apply" else services.reject_requisites
    try:
        fn(current_principal(), id)
    except (ValidationError, Conflict) as exc:
        details = "; ".join(f"{k}: {m}" for k, ms in (exc.fields or {}).items() for m in ms)
        flash(f"{exc.message} {details}".strip(), "danger")
    else:
        flash(_("Applied to the client.") if action == "apply" else _("Rejected."), "success")
    return redirect(url_for("contracts.requisites"), code=303)
