"""Admin page for pipelines, their stages and the lost reasons."""

from __future__ import annotations

from flask import flash, render_template, request

from core.errors import Conflict, NotFound, ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import permission_required
from plugins.leads.services import pipelines as service
from plugins.leads.views import bp
from plugins.leads.views.common import back

ADMIN = "leads.forms.admin"


@bp.get("/settings")
@permission_required(ADMIN)
def settings():
    return render_template("leads/settings.html", pipelines=service.pipelines(),
                           reasons=service.lost_reasons(active_only=False))


@bp.post("/settings/pipelines")
@permission_required(ADMIN)
def pipeline_add():
    return _run(lambda: service.create_pipeline(current_principal(), dict(request.form)))


@bp.post("/settings/pipelines/<int:pipeline_id>")
@permission_required(ADMIN)
def pipeline_save(pipeline_id: int):
    data = {"name": request.form.get("name", ""), "active": request.form.get("active") == "on",
            "is_default": request.form.get("is_default") == "on"}
    return _run(lambda: service.update_pipeline(current_principal(), pipeline_id, data))


@bp.post("/settings/pipelines/<int:pipeline_id>/stages", defaults={"stage_id": None})
@bp.post("/settings/pipelines/<int:pipeline_id>/stages/<int:stage_id>")
@permission_required(ADMIN)
def stage_save(pipeline_id: int, stage_id: int | None):
    data = {"name": request.form.get("name", ""),
            "probability": request.form.get("probability", "0"),
            "position": request.form.get("position", "0"),
            "is_won": request.form.get("is_won") == "on",
            "is_lost": request.form.get("is_lost") == "on"}
    return _run(lambda: service.save_stage(current_principal(), pipeline_id, data, stage_id))


@bp.post("/settings/stages/<int:stage_id>/delete")
@permission_required(ADMIN)
def stage_delete(stage_id: int):
    return _run(lambda: service.delete_stage(current_principal(), stage_id))


@bp.post("/settings/reasons", defaults={"reason_id": None})
@bp.post("/settings/reasons/<int:reason_id>")
@permission_required(ADMIN)
def reason_save(reason_id: int | None):
    data = {"name": request.form.get("name", ""), "active": request.form.get("active") == "on"}
    return _run(lambda: service.save_lost_reason(current_principal(), data, reason_id))


def _run(action):
    """Do ``action``; its refusal becomes a message on the settings page."""
    try:
        action()
    except (ValidationError, Conflict, NotFound) as exc:
        detail = " ".join(" ".join(map(str, v)) for v in (getattr(exc, "fields", None)
                                                           or {}).values())
        flash(f"{exc.message} {detail}".strip(), "danger")
    else:
        flash(_("Saved."), "success")
    return back("leads.settings")
