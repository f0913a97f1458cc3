"""The inquiry section of the client portal (``/portal/inquiry``): the client asks for
something and the owner gets it as a lead (``services.portal``).

Shown only when the portal plugin is enabled: it asks for the section through
``kontora_portal_sections`` and provides the ``portal/layout.html`` these pages extend.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from core.errors import ValidationError
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.identity.guards import portal_pages_only
from plugins.leads.services.portal import submit_inquiry

bp = Blueprint("leads_portal", __name__, url_prefix="/portal/inquiry",
               template_folder="templates")
bp.before_request(portal_pages_only)




def portal_sections() -> list[dict[str, Any]]:
    return [{"key": "inquiry", "title": _l("Ask us"), "endpoint": "leads_portal.index",
             "order": 60}]


@bp.route("/", methods=["GET", "POST"])
def index() -> str | Response | tuple[str, int]:
    values = {name: request.form.get(name, "") for name in ("title", "description")}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            submit_inquiry(current_principal(), values)
        except ValidationError as exc:
            errors = exc.fields or {"_": [exc.message]}
        else:
            flash(_("Thank you: your inquiry is with us and we will answer soon."), "success")
            return redirect(url_for("leads_portal.index"), code=303)
    return render_template("leads/portal/inquiry.html", values=values, errors=errors), \
        422 if errors else 200
