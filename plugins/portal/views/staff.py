"""Staff invite a client's contact to the portal from the client's profile, and see the
portal as the client sees it (read-only, audited)."""

from __future__ import annotations

from flask import flash, g, redirect, request, session, url_for
from werkzeug.wrappers import Response

from core.errors import Forbidden, ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import permission_required
from plugins.portal.services.accounts import invite, revoke_access
from plugins.portal.services.view_as import PERMISSION, start_view_as, viewer_for
from plugins.portal.views import bp


@bp.post("/invite/<int:client_id>")
@permission_required("portal.invite")
def invite_contact(client_id: int) -> Response:
    try:
        account = invite(current_principal(), client_id,
                         {k: request.form.get(k, "") for k in ("name", "email")})
    except ValidationError as exc:
        problems = "; ".join(m for msgs in exc.fields.values() for m in msgs)
        flash(_("The invitation was not sent: %(problems)s", problems=problems), "danger")
    else:
        flash(_("Invitation sent to %(email)s.", email=account.email), "success")
    return redirect(url_for("parties.client_detail", id=client_id))


@bp.post("/invite/<int:client_id>/revoke/<int:portal_user_id>")
@permission_required("portal.invite")
def revoke(client_id: int, portal_user_id: int) -> Response:
    revoke_access(current_principal(), client_id, portal_user_id)
    flash(_("The access to the portal is withdrawn."), "success")
    return redirect(url_for("parties.client_detail", id=client_id))


@bp.post("/view-as/<int:client_id>")
@permission_required(PERMISSION)
def view_as(client_id: int) -> Response:
    """Start seeing the portal as the client sees it (read-only, audited)."""
    session["portal_view_as"] = start_view_as(current_principal(), client_id)
    return redirect(url_for("portal.home"))


@bp.post("/view-as/end")
def end_view_as() -> Response:
    client_id = session.pop("portal_view_as", None)
    if client_id is None:
        return redirect(url_for("portal.login"))
    return redirect(url_for("parties.client_detail", id=client_id))


@bp.before_app_request
def _view_as_client() -> None:
    """While staff view the portal as a client, portal pages get the read-only stand-in
    principal; anything but reading is refused there."""
    client_id = session.get("portal_view_as")
    if client_id is None or not request.path.startswith(bp.url_prefix + "/"):
        return
    viewer = viewer_for(current_principal(), client_id)
    if viewer is None:
        session.pop("portal_view_as", None)
        return
    if request.method not in ("GET", "HEAD") and request.endpoint != "portal.end_view_as":
        raise Forbidden(_("You are viewing the portal as the client: nothing can be changed."))
    g.kontora_principal = viewer
    g.portal_viewing = True
