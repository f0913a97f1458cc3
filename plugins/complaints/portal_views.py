"""The complaints section of the client portal (``/portal/complaints``): the client lists
and reads its complaints, files one about one of its orders, invoices, shipments or the
products it bought, with photos, adds photos later and sees their previews. Every read
and write goes through ``services.portal``, which scopes it to the
portal user's current client; anything else is 404 or 403.

Shown only when the portal plugin is enabled: it asks for the section through
``kontora_portal_sections`` and provides the ``portal/layout.html`` these pages extend.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from core.errors import ValidationError
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.identity.guards import portal_pages_only
from plugins.activities.downloads import send_attachment
from plugins.complaints.services.photos import photos_of
from plugins.complaints.services.portal import (
    add_client_photos,
    client_complaint,
    client_complaints,
    client_photo,
    file_complaint,
    subject_choices,
)
from plugins.complaints.workflow import CAUSES, OPEN, REMEDIES, status_label

bp = Blueprint("complaints_portal", __name__, url_prefix="/portal/complaints",
               template_folder="templates")
bp.before_request(portal_pages_only)

FIELDS = ("subject", "cause", "description", "remedy", "remedy_details")
SUBJECT_FIELDS = ("subject_kind", "subject_id")
"""The service's names for what the form's one ``subject`` choice ("orders.order:12") holds."""




def portal_sections() -> list[dict[str, Any]]:
    return [{"key": "complaints", "title": _l("Complaints"),
             "endpoint": "complaints_portal.index", "order": 40}]


@bp.get("/")
def index() -> str:
    return render_template("complaints/portal/list.html",
                           complaints=client_complaints(current_principal()),
                           status_label=status_label)


@bp.get("/<int:complaint_id>")
def detail(complaint_id: int, errors: dict[str, list[str]] | None = None) -> str:
    complaint = client_complaint(current_principal(), complaint_id)
    return render_template("complaints/portal/detail.html", complaint=complaint,
                           photos=photos_of(complaint.id), causes=CAUSES, remedies=REMEDIES,
                           status_label=status_label, is_open=complaint.status in OPEN,
                           errors=errors or {})


@bp.get("/<int:complaint_id>/photos/<key>")
def photo(complaint_id: int, key: str) -> Response:
    return send_attachment(client_photo(current_principal(), complaint_id, key))


@bp.post("/<int:complaint_id>/photos")
def add_photos(complaint_id: int) -> Response | tuple[str, int]:
    uploads = [(f.filename, f.stream) for f in request.files.getlist("file") if f.filename]
    try:
        add_client_photos(current_principal(), complaint_id, uploads)
    except ValidationError as exc:
        return detail(complaint_id, exc.fields or {"file": [exc.message]}), exc.status
    return redirect(url_for("complaints_portal.detail", complaint_id=complaint_id,
                            _anchor="photos"), code=303)


def _subject(value: str) -> dict[str, str]:
    """``{"subject_kind", "subject_id"}`` from a choice "orders.order:12" (empty if none)."""
    kind, _sep, record_id = value.rpartition(":")
    return {"subject_kind": kind, "subject_id": record_id} if kind and record_id else {}


@bp.route("/new", methods=["GET", "POST"])
def new() -> str | Response | tuple[str, int]:
    principal = current_principal()
    choices = subject_choices(principal)
    values: dict[str, Any] = request.args.to_dict()
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values = {name: request.form[name] for name in FIELDS if request.form.get(name)}
        uploads = [(f.filename, f.stream) for f in request.files.getlist("file") if f.filename]
        data = {**{k: v for k, v in values.items() if k != "subject"},
                **_subject(values.get("subject", ""))}
        try:
            complaint = file_complaint(principal, data, uploads)
        except ValidationError as exc:
            errors = exc.fields or {"_": [exc.message]}
            for name in SUBJECT_FIELDS:  # shown under the one field that chose them
                if name in errors:
                    errors.setdefault("subject", []).extend(errors.pop(name))
        else:
            return redirect(url_for("complaints_portal.detail", complaint_id=complaint.id),
                            code=303)
    return render_template("complaints/portal/new.html", choices=choices, values=values,
                           errors=errors, causes=CAUSES, remedies=REMEDIES), \
        422 if errors else 200
