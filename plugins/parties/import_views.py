"""Import pages: upload a file, map its columns, dry run, run, follow the progress bar."""

from __future__ import annotations

from flask import Blueprint, make_response, redirect, render_template, request, url_for

from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from plugins.parties.imports import service
from plugins.parties.imports.rows import FIELDS
from plugins.parties.models import ImportRun

bp = Blueprint("parties_imports", __name__, url_prefix="/clients/imports",
               template_folder="templates")


@bp.route("/", methods=["GET", "POST"])
@login_required
@permission_required("parties.import")
def imports():
    principal = current_principal()
    errors: dict[str, list[str]] = {}
    message = None
    if request.method == "POST":
        upload = request.files.get("file")
        try:
            if upload is None or not upload.filename:
                raise ValidationError(_("Choose a file first."),
                                      fields={"file": [_("Choose a file first.")]})
            run = service.upload(principal, request.form.get("target", ""), upload.filename,
                                 upload.stream)
        except ValidationError as exc:
            errors, message = exc.fields or {}, exc.message
        else:
            return redirect(url_for("parties_imports.import_detail", id=run.id))
    body = render_template("parties/imports.html", runs=service.recent_imports(principal),
                           errors=errors, message=message)
    return body, 422 if message else 200


@bp.get("/<int:id>")
@login_required
@permission_required("parties.import")
def import_detail(id: int):
    principal = current_principal()
    run = service.get_import(principal, id)
    return _detail(run, {}, None)


@bp.post("/<int:id>/start")
@login_required
@permission_required("parties.import")
def import_start(id: int):
    principal = current_principal()
    run = service.get_import(principal, id)
    mapping = {str(i): request.form.get(f"column.{i}", "") for i in range(len(run.columns))}
    try:
        service.start(principal, id, mapping=mapping,
                      duplicates=request.form.get("duplicates", ""),
                      dry_run=request.form.get("dry_run") == "1")
    except ValidationError as exc:
        run.mapping = {k: v for k, v in mapping.items() if v}
        return _detail(run, exc.fields or {}, exc.message), 422
    return redirect(url_for("parties_imports.import_detail", id=id))


@bp.get("/<int:id>/progress")
@login_required
@permission_required("parties.import")
def import_progress(id: int):
    """The progress bar alone, polled by htmx; once the run ends the whole page reloads."""
    run = service.get_import(current_principal(), id)
    response = make_response(render_template("parties/_import_progress.html", run=run))
    if run.status in ("done", "failed"):
        response.headers["HX-Refresh"] = "true"
    return response


def _detail(run: ImportRun, errors: dict[str, list[str]], message: str | None) -> str:
    problems = (service.problems(current_principal(), run.id)
                if run.status in ("done", "failed") else [])
    fields = FIELDS[run.target]
    return render_template("parties/import_detail.html", run=run, fields=fields,
                           field_choices=[(f.name, f.label) for f in fields],
                           problems=problems, errors=errors, message=message)
