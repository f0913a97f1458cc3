"""Entering and changing a complaint, its workflow buttons and its photos: pages that call
this plugin's services.

The form is opened from a record's page (``?subject_kind=orders.order&subject_id=7``) or
empty; photos may be chosen with the new complaint or added later, and are served here
only to those who may read the complaint.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from core.errors import Conflict, ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required
from core.kernel import kontora
from plugins.activities.downloads import send_attachment
from plugins.activities.views.forms import staff_choices
from plugins.complaints import services
from plugins.complaints.schemas import SUBJECT_KINDS
from plugins.complaints.services.common import load_complaint
from plugins.complaints.views import bp
from plugins.complaints.workflow import CAUSES, REMEDIES, choices

FIELDS = ("subject_kind", "subject_id", "party_id", "product_id", "cause", "description",
          "remedy", "remedy_details", "assignee_id", "deadline")
CHANGEABLE = FIELDS[3:]


def form_version() -> int | None:
    try:
        return int(request.form.get("version") or 0) or None
    except ValueError:
        return None


def _fields(names: tuple[str, ...]) -> dict[str, Any]:
    return {name: request.form.get(name) or None for name in names if name in request.form}


def _uploads() -> list[tuple[str | None, Any]]:
    return [(f.filename, f.stream) for f in request.files.getlist("file") if f.filename]


def _render(complaint: Any, values: Any, errors: dict[str, list[str]]) -> Any:
    kinds = kontora().kinds
    return render_template(
        "complaints/complaint_form.html", complaint=complaint, values=values, errors=errors,
        subject_kinds=[(k, str(kinds[k].label)) for k in SUBJECT_KINDS if k in kinds],
        causes=choices(CAUSES),
        remedies=choices(REMEDIES), users=[("", "—"), *staff_choices()]), \
        422 if errors else 200


@bp.route("/new", methods=["GET", "POST"], endpoint="create")
@login_required
def create():
    principal = current_principal()
    values: Any = request.args.to_dict()
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values = request.form.to_dict()
        try:
            complaint = services.create_complaint(principal, _fields(FIELDS))
            uploads = _uploads()
            if uploads:
                services.add_photos(principal, complaint.id, uploads)
            return redirect(url_for("complaints.complaint_detail", id=complaint.id), code=303)
        except ValidationError as exc:
            errors = exc.fields or {"_": [exc.message]}
    return _render(None, values, errors)


@bp.route("/<int:id>/change", methods=["GET", "POST"], endpoint="change")
@login_required
def change(id: int):
    principal = current_principal()
    complaint = load_complaint(principal, id, "write")
    values: Any = {name: getattr(complaint, name) for name in FIELDS}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values = request.form.to_dict()
        try:
            services.update_complaint(principal, id, _fields(CHANGEABLE),
                                      expected_version=form_version())
            return redirect(url_for("complaints.complaint_detail", id=id), code=303)
        except ValidationError as exc:
            errors = exc.fields or {"_": [exc.message]}
    return _render(complaint, values, errors)


@bp.post("/<int:id>/move/<name>", endpoint="move")
@login_required
def move(id: int, name: str):
    data = {k: v for k, v in request.form.to_dict().items()
            if k in ("comment", "resolution") and v != ""}
    try:
        complaint = services.run_transition(current_principal(), id, name, data,
                                            expected_version=form_version())
    except (Conflict, ValidationError) as exc:
        details = "; ".join(m for ms in (exc.fields or {}).values() for m in ms)
        flash(f"{exc.message} {details}".strip(), "danger")
        return redirect(url_for("complaints.complaint_detail", id=id), code=303)
    flash(_("Complaint %(complaint)s: done.", complaint=complaint.number), "success")
    return redirect(url_for("complaints.complaint_detail", id=id), code=303)


@bp.post("/<int:id>/photos", endpoint="add_photos")
@login_required
def add_photos(id: int):
    try:
        services.add_photos(current_principal(), id, _uploads())
    except (Conflict, ValidationError) as exc:
        details = "; ".join(m for ms in (exc.fields or {}).values() for m in ms)
        flash(f"{exc.message} {details}".strip(), "danger")
        return redirect(url_for("complaints.complaint_detail", id=id), code=303)
    return redirect(url_for("complaints.complaint_detail", id=id), code=303)


@bp.get("/<int:id>/files/<key>", endpoint="photo")
@login_required
def photo(id: int, key: str):
    return send_attachment(services.get_photo(current_principal(), id, key))
