"""The complaints section of the client portal (``/portal/complaints``): the client lists
and reads its complaints, files one about one of its orders with photos, and sees the
photos. Every read and write goes through ``services.portal``, which scopes it to the
portal user's current client; anything else is 404 or 403.

Shown only when the portal plugin is enabled: it asks for the section through
``kontora_portal_sections`` and provides the ``portal/layout.html`` these pages extend.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from core.db import session
from core.errors import ValidationError
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.identity.guards import portal_pages_only
from plugins.activities.downloads import send_attachment
from plugins.complaints.services.photos import photos_of
from plugins.complaints.services.portal import (
    client_complaint,
    client_complaints,
    client_of,
    client_photo,
    file_complaint,
)
from plugins.complaints.workflow import CAUSES, REMEDIES
from plugins.orders.models import Order

bp = Blueprint("complaints_portal", __name__, url_prefix="/portal/complaints",
               template_folder="templates")
bp.before_request(portal_pages_only)

FIELDS = ("subject_id", "cause", "description", "remedy", "remedy_details")




def portal_sections() -> list[dict[str, Any]]:
    return [{"key": "complaints", "title": _l("Complaints"),
             "endpoint": "complaints_portal.index", "order": 40}]


@bp.get("/")
def index() -> str:
    return render_template("complaints/portal/list.html",
                           complaints=client_complaints(current_principal()))


@bp.get("/<int:complaint_id>")
def detail(complaint_id: int) -> str:
    complaint = client_complaint(current_principal(), complaint_id)
    return render_template("complaints/portal/detail.html", complaint=complaint,
                           photos=photos_of(complaint.id), causes=CAUSES, remedies=REMEDIES)


@bp.get("/<int:complaint_id>/photos/<key>")
def photo(complaint_id: int, key: str) -> Response:
    return send_attachment(client_photo(current_principal(), complaint_id, key))


@bp.route("/new", methods=["GET", "POST"])
def new() -> str | Response | tuple[str, int]:
    principal = current_principal()
    client = client_of(principal)
    values: dict[str, Any] = request.args.to_dict()
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values = {name: request.form[name] for name in FIELDS if request.form.get(name)}
        uploads = [(f.filename, f.stream) for f in request.files.getlist("file") if f.filename]
        try:
            complaint = file_complaint(principal, {"subject_kind": "orders.order", **values},
                                       uploads)
        except ValidationError as exc:
            errors = exc.fields or {"_": [exc.message]}
        else:
            return redirect(url_for("complaints_portal.detail", complaint_id=complaint.id),
                            code=303)
    orders = session().execute(select(Order.id, Order.number).where(
        Order.party_id == client.id, Order.number.is_not(None)).order_by(Order.id.desc())).all()
    return render_template("complaints/portal/new.html", orders=orders, values=values,
                           errors=errors, causes=CAUSES, remedies=REMEDIES), \
        422 if errors else 200
