"""The client's portal home (the sections enabled plugins contribute) and switching
between the clients a portal user acts for."""

from __future__ import annotations

from flask import g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from core.identity import current_principal
from core.kernel import kontora
from plugins.portal.guards import portal_required
from plugins.portal.services.access import clients_of, switch_client
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
