"""The client's portal home (the sections enabled plugins contribute), switching between
the clients a portal user acts for, and the client's own contact details."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.kernel import kontora
from plugins.portal.guards import portal_required
from plugins.portal.services.access import clients_of, switch_client
from plugins.portal.services.details import FIELDS, contact_details, update_contact_details
from plugins.portal.views import bp


def sections() -> list[dict]:
    """The portal navigation: each enabled plugin's sections, in their order."""
    return sorted(kontora().collect("kontora_portal_sections"), key=lambda s: s["order"])


@bp.app_context_processor
def portal_context() -> dict:
    """The portal navigation for the layout every plugin's portal pages extend."""
    return {"portal_sections": sections}


@bp.get("/")
@portal_required
def home() -> str:
    principal = current_principal()
    return render_template("portal/home.html", client=g.portal_client,
                           clients=clients_of(principal.id))


@bp.post("/switch")
@portal_required
def switch() -> Response:
    raw = request.form.get("client_id", "")
    switch_client(current_principal(), int(raw) if raw.isdigit() else 0)
    return redirect(url_for("portal.home"))


@bp.route("/details", methods=["GET", "POST"])
@portal_required
def details() -> str | Response | tuple[str, int]:
    """The client's own e-mail, phone and website."""
    principal = current_principal()
    values = contact_details(principal)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values = {name: request.form.get(name, "") for name in FIELDS}
        try:
            update_contact_details(principal, values)
        except ValidationError as exc:
            errors = exc.fields
        else:
            flash(_("Your contact details are saved."), "success")
            return redirect(url_for("portal.details"), code=303)
    return render_template("portal/details.html", values=values, errors=errors), \
        422 if errors else 200
