"""The workflow buttons: one post per transition, through the transition's service.

Packing has a form of its own (``forms.pack``); the other moves post their few fields
(a date, a tracking number, a comment) straight here.
"""

from __future__ import annotations

from flask import flash, redirect, request, url_for

from core.errors import Conflict, ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required
from core.web.posted import action_fields
from plugins.shipping.services import run_transition
from plugins.shipping.views import bp


def form_version() -> int | None:
    try:
        return int(request.form.get("version") or 0) or None
    except ValueError:
        return None


@bp.post("/<int:id>/move/<name>", endpoint="move")
@login_required
def move(id: int, name: str):
    if name == "pack":
        return redirect(url_for("shipping.pack", id=id), code=303)
    data = {k: v for k, v in action_fields(request.form).items() if v != ""}
    if "notify_client" in data:
        data["notify_client"] = data["notify_client"] in ("1", "on", "yes", "true")
    try:
        shipment = run_transition(current_principal(), id, name, data,
                                  expected_version=form_version())
    except (Conflict, ValidationError) as exc:
        details = "; ".join(m for ms in (exc.fields or {}).values() for m in ms)
        flash(f"{exc.message} {details}".strip(), "danger")
        return redirect(url_for("shipping.shipment_detail", id=id), code=303)
    flash(_("Shipment %(shipment)s: done.", shipment=shipment.title), "success")
    return redirect(url_for("shipping.shipment_detail", id=id), code=303)
