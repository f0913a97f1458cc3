"""Staff invite a client's contact to the portal from the client's profile."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from werkzeug.wrappers import Response

from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import permission_required
from plugins.portal.services.accounts import invite
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
