"""Staff pages: the template list and editor with preview, the company profile, and a
record's document as HTML and as PDF (served as stored, or "being prepared")."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for

from core.company import company_profile, save_company
from core.company.schema import KINDS
from core.documents.admin import (
    EDIT_PERMISSION,
    all_templates,
    get_template,
    preview_template,
    save_template,
)
from core.documents.company_form import company_form_data
from core.documents.files import file_bytes, pdf_state, request_pdf
from core.documents.kinds import document_kinds
from core.documents.rendering import DocumentTemplateError, merge_tags, render_html
from core.errors import Conflict, NotFound, ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from core.services.helpers import load_record

bp = Blueprint("documents", __name__, template_folder="templates")

SANDBOX_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"
RECORD = "/documents/<kind>/<int(max=2147483647):record_id>"


@bp.get("/admin/documents/")
@permission_required(EDIT_PERMISSION)
def index() -> str:
    return render_template("documents/index.html", rows=all_templates(),
                           kinds={dk.kind: dk.label for dk in document_kinds()})


@bp.route("/admin/documents/<int(max=2147483647):template_id>", methods=["GET", "POST"])
@permission_required(EDIT_PERMISSION)
def edit(template_id: int) -> Any:
    row = get_template(template_id)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        form = request.form
        try:
            save_template(current_principal(), template_id,
                          {"body": form.get("body", ""), "css": form.get("css", ""),
                           "active": form.get("active") == "on"},
                          expected_version=_int(form.get("version")))
        except DocumentTemplateError as exc:
            errors = {"body": [exc.message]}
        except (ValidationError, Conflict) as exc:
            errors = exc.fields or {"body": [exc.message]}
        else:
            flash(_("The template is saved."), "success")
            return redirect(url_for("documents.edit", template_id=template_id))
    return render_template("documents/edit.html", row=row, tags=merge_tags(row.kind),
                           errors=errors, form=request.form), 422 if errors else 200


@bp.post("/admin/documents/<int(max=2147483647):template_id>/preview")
@permission_required(EDIT_PERMISSION)
def preview(template_id: int) -> Any:
    """An htmx fragment: the preview in a sandboxed frame, or the template error."""
    record_id = _int(request.form.get("record_id"))
    html, error = None, None
    if record_id is None:
        error = _("Give the number (id) of a record to preview with.")
    else:
        try:
            html = preview_template(current_principal(), template_id, record_id,
                                    request.form.get("body"), request.form.get("css"))
        except DocumentTemplateError as exc:
            error = exc.reason
        except NotFound as exc:
            error = exc.message
    return render_template("documents/_preview.html", html=html, error=error)


@bp.route("/admin/documents/company", methods=["GET", "POST"])
@permission_required(EDIT_PERMISSION)
def company() -> Any:
    errors: dict[str, Any] = {}
    data: dict[str, Any] = {}
    form = request.form
    if request.method == "POST":
        data = company_form_data(form)
        try:
            save_company(current_principal(), data, logo=_upload("logo"), stamp=_upload("stamp"),
                         remove_logo=form.get("remove_logo") == "on",
                         remove_stamp=form.get("remove_stamp") == "on")
        except (ValidationError, Conflict) as exc:
            errors = exc.fields
        else:
            flash(_("The company profile is saved."), "success")
            return redirect(url_for("documents.company"))
    profile = company_profile()
    accounts = list(profile.bank_accounts or []) if not errors else data["bank_accounts"]
    return render_template("documents/company.html", profile=profile, errors=errors,
                           values=data if errors else None, kinds=KINDS,
                           accounts=[*accounts, {}]), 422 if errors else 200


def _upload(field: str) -> bytes | None:
    upload = request.files.get(field)
    return upload.read() if upload and upload.filename else None


@bp.get(RECORD + "/html")
@login_required
def record_html(kind: str, record_id: int) -> Response:
    """The record's document as HTML, sandboxed (pages show it in a frame)."""
    record = load_record(current_principal(), kind, record_id)
    try:
        html = render_html(kind, record)
    except DocumentTemplateError as exc:
        return Response(render_template("documents/_preview.html", error=exc.reason),
                        status=422)
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = SANDBOX_CSP
    return response


@bp.get(RECORD + "/pdf")
@login_required
def record_pdf(kind: str, record_id: int) -> Any:
    """The stored PDF; 202 with a self-refreshing page while the job prepares it."""
    load_record(current_principal(), kind, record_id)
    return pdf_response(kind, record_id)


@bp.post(RECORD + "/pdf")
@login_required
def prepare_pdf(kind: str, record_id: int) -> Any:
    load_record(current_principal(), kind, record_id)
    request_pdf(kind, record_id)
    return redirect(url_for("documents.record_pdf", kind=kind, record_id=record_id))


def pdf_response(kind: str, record_id: int, filename: str | None = None) -> Response:
    """What a download link answers: the PDF, "being prepared" (202) or "not made" (404).

    Plugins' public views (a client link showing an offer) answer with it too.
    """
    state, row = pdf_state(kind, record_id)
    if state != "ready":
        page = render_template("documents/pending.html", row=row, kind=kind,
                               record_id=record_id)
        response = Response(page, status=202 if state == "pending" else 404)
        response.headers["Retry-After"] = "2"
        return response
    stored = file_bytes(row)
    name = filename or f"{kind.rpartition('.')[2]}-{record_id}.pdf"
    response = Response(stored.content, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    response.headers["ETag"] = f'"{stored.sha256}"'
    response.headers["X-Content-SHA256"] = stored.sha256
    return response


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and len(text) < 10 else None
