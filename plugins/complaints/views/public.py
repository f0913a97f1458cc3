"""The client's status page behind the e-mailed link (``/l/<token>``, purpose
``complaints.view``): nobody signs in, the link is the authority, and it only shows."""

from __future__ import annotations

from flask import render_template

from core.db import session
from core.errors import NotFound
from core.i18n import gettext as _
from core.identity import limiter
from core.links import record_view, resolve_link
from plugins.complaints.models import Complaint
from plugins.complaints.services.client_notice import VIEW_PURPOSE
from plugins.complaints.views import public_bp
from plugins.complaints.workflow import status_label


@public_bp.get("/<token>", endpoint="view")
@limiter.limit("30 per minute")
def view(token: str):
    link = resolve_link(token, VIEW_PURPOSE)
    complaint = session().get(Complaint, link.record_id)
    if complaint is None:
        raise NotFound(_("There is no such complaint."))
    record_view(link)
    return render_template(
        "complaints/public.html", complaint=complaint, status=status_label(complaint.status)
    )
