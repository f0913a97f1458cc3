"""The workflow buttons: one post per transition, through the transition's service."""

from __future__ import annotations

from flask import flash, redirect, request, url_for

from core.errors import Conflict, ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required
from core.web.posted import action_fields
from plugins.orders.services import run_transition
from plugins.orders.views import bp


@bp.post("/<int:id>/move/<name>", endpoint="move")
@login_required
def move(id: int, name: str):
    try:
        version = int(request.form.get("version") or 0) or None
    except ValueError:
        version = None
    try:
        order = run_transition(current_principal(), id, name, action_fields(request.form),
                               expected_version=version)
    except (Conflict, ValidationError) as exc:
        details = "; ".join(m for ms in (exc.fields or {}).values() for m in ms)
        flash(f"{exc.message} {details}".strip(), "danger")
        return redirect(url_for("orders.order_detail", id=id), code=303)
    flash(_("Order %(order)s: done.", order=order.title), "success")
    return redirect(url_for("orders.order_detail", id=id), code=303)
