"""Order settings for admins: create orders on offer acceptance, and added statuses."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from core.errors import Conflict, NotFound, ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from core.web.switches import switch_on
from plugins.orders import services
from plugins.orders.services.admin import CONFIGURE, settings, statuses
from plugins.orders.views import bp
from plugins.orders.workflow import MAIN_PATH, STATUS_LABELS, current_workflow


def _page(errors: dict | None = None, values: dict | None = None, status: int = 200):
    return render_template(
        "orders/admin.html", settings=settings(), statuses=statuses(),
        workflow=current_workflow(), errors=errors or {}, values=values or {},
        after_choices=[(s, STATUS_LABELS[s]) for s in MAIN_PATH[1:-1]],
        before_choices=[(s, STATUS_LABELS[s]) for s in MAIN_PATH[2:]]), status


@bp.get("/admin", endpoint="admin")
@login_required
@permission_required(CONFIGURE)
def admin():
    return _page()


@bp.post("/admin/settings", endpoint="admin_settings")
@login_required
@permission_required(CONFIGURE)
def admin_settings():
    services.update_settings(
        current_principal(),
        create_on_acceptance=switch_on(request.form, "create_on_acceptance"),
        send_on_acceptance=switch_on(request.form, "send_on_acceptance"))
    flash(_("Settings saved."), "success")
    return redirect(url_for("orders.admin"), code=303)


@bp.post("/admin/statuses", endpoint="admin_add_status")
@login_required
@permission_required(CONFIGURE)
def admin_add_status():
    data = {key: request.form.get(key, "").strip() for key in ("code", "label", "after",
                                                              "before")}
    data["mandatory"] = switch_on(request.form, "mandatory")
    try:
        services.add_status(current_principal(), data)
    except ValidationError as exc:
        return _page(exc.fields, dict(request.form), 422)
    flash(_("Status added."), "success")
    return redirect(url_for("orders.admin"), code=303)


@bp.post("/admin/statuses/<int:status_id>/remove", endpoint="admin_remove_status")
@login_required
@permission_required(CONFIGURE)
def admin_remove_status(status_id: int):
    try:
        services.remove_status(current_principal(), status_id)
    except (Conflict, NotFound) as exc:
        flash(exc.message, "danger")
    else:
        flash(_("Status removed."), "success")
    return redirect(url_for("orders.admin"), code=303)
