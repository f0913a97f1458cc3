"""The carrier register page: the list for readers, the add and edit form for keepers."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from sqlalchemy import select

from core.db import session
from core.errors import ValidationError
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from plugins.shipping import services
from plugins.shipping.models import Carrier
from plugins.shipping.views import bp


def _data() -> dict:
    form = request.form
    return {"name": form.get("name", ""),
            "services": [s for s in form.get("services", "").splitlines() if s.strip()],
            "tracking_url": form.get("tracking_url") or None,
            "address": form.get("address") or None, "phone": form.get("phone") or None,
            "active": form.get("active") in ("1", "on", "yes")}


@bp.route("/carriers", methods=["GET", "POST"], endpoint="carriers")
@login_required
@permission_required("shipping.read")
def carriers():
    principal = current_principal()
    errors, values, status = {}, {}, 200
    if request.method == "POST":
        carrier_id = request.form.get("id", type=int)
        try:
            if carrier_id:
                services.update_carrier(principal, carrier_id, _data())
            else:
                services.create_carrier(principal, _data())
            return redirect(url_for("shipping.carriers"), code=303)
        except ValidationError as exc:
            errors, values, status = exc.fields or {}, request.form.to_dict(), 422
    rows = session().scalars(select(Carrier).order_by(Carrier.active.desc(), Carrier.name))
    return render_template("shipping/carriers.html", carriers=list(rows), errors=errors,
                           values=values,
                           can_configure=principal.has("shipping.configure")), status
