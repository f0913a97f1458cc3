""""Convert to client": the form, the duplicate check's candidates, linking or creating."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from core.errors import Conflict, ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import permission_required
from plugins.leads.labels import CLIENT_KIND_LABELS
from plugins.leads.services import load_lead
from plugins.leads.services.convert import client_data, convert_lead, duplicate_candidates
from plugins.leads.views import bp

CLIENT_FIELDS = ("kind", "name", "country", "tax_id", "email", "phone")


@bp.route("/<int:id>/convert", methods=["GET", "POST"])
@permission_required("leads.convert")
def lead_convert(id: int):
    principal = current_principal()
    lead = load_lead(principal, id, "write")
    values = client_data(lead)
    errors: dict = {}
    message, status = None, 200
    if request.method == "POST":
        link, linking = request.form.get("client_id", ""), bool(request.form.get("link"))
        if not linking:
            values = {k: request.form.get(k, "").strip() for k in CLIENT_FIELDS}
        if linking and not link.isdigit():
            errors, status = {"client_id": [_("Choose the client to link the lead to.")]}, 422
        else:
            try:
                client = convert_lead(
                    principal, id, values, client_id=int(link) if link.isdigit() else None,
                    allow_duplicate=request.form.get("allow_duplicate") == "1")
            except (ValidationError, Conflict) as exc:
                message, errors, status = exc.message, exc.fields or {}, exc.status
            else:
                flash(_("The lead is now the client %(name)s.", name=client.name), "success")
                return redirect(url_for("parties.client_detail", id=client.id))
    candidates = duplicate_candidates(principal, id) if lead.converted_at is None else []
    return render_template("leads/convert.html", lead=lead, values=values, errors=errors,
                           message=message, candidates=candidates,
                           kinds=list(CLIENT_KIND_LABELS.items())), status
