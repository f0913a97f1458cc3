"""Generic list and detail pages of complaints, and what the detail page adds: the photos
with previews and the workflow buttons the user may press.

The generic "new", "edit" and "delete" pages would skip this plugin's rules, so those
addresses lead to its own forms (a complaint is resolved, never deleted).
"""

from __future__ import annotations

from typing import Any

from flask import redirect, request, url_for

from core.db import session
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.kernel import kontora
from core.web.generic import Column, Filter, register_crud
from plugins.complaints.services.photos import photos_of
from plugins.complaints.views import bp
from plugins.complaints.workflow import (
    CAUSES,
    OPEN,
    REMEDIES,
    STATUS_LABELS,
    available,
    choices,
    label,
    status_label,
)

register_crud(
    bp, kind="complaints.complaint", name="complaint", path="/",
    columns=[Column("number", _l("Number")),
             Column("status", _l("Status"), sortable=False,
                    format=lambda r: status_label(r.status)),
             Column("party_id", _l("Client"), sortable=False, format=lambda r: r.party.name),
             Column("cause", _l("Cause"), sortable=False,
                    format=lambda r: label(CAUSES, r.cause)),
             Column("assignee_id", _l("Assignee"), sortable=False,
                    format=lambda r: r.assignee.name if r.assignee else "—"),
             Column("deadline", _l("Deadline")),
             Column("created_at", _l("Received"))],
    filters=[Filter("status", _l("Status"), type="select",
                    choices=lambda: choices(STATUS_LABELS)),
             Filter("cause", _l("Cause"), type="select", choices=lambda: choices(CAUSES))],
    default_sort="-created_at",
)

OWN_FORMS = {
    "complaints.complaint_new": "complaints.create",
    "complaints.complaint_edit": "complaints.change",
    "complaints.complaint_delete": "complaints.complaint_detail",
}


@bp.before_request
def _use_own_forms():
    target = OWN_FORMS.get(request.endpoint or "")
    if target is not None:
        return redirect(url_for(target, **(request.view_args or {}), **request.args))
    return None


@bp.app_template_global("complaint_detail")
def detail(complaint: Any) -> dict[str, Any]:
    """What the complaint page shows beyond the generic fields, for the present user."""
    principal = current_principal()
    writable = complaint.status in OPEN and principal is not None and \
        principal.has("complaints.write")
    return {
        "status_label": status_label(complaint.status),
        "cause": label(CAUSES, complaint.cause),
        "remedy": label(REMEDIES, complaint.remedy),
        "moves": [t for t in available(complaint.status)
                  if principal is not None and principal.has(t.permission)],
        "editable": writable,
        "photos": photos_of(complaint.id),
        **subject(complaint),
    }


def subject(complaint: Any) -> dict[str, Any]:
    """The subject's label and page, when its plugin is enabled (its title as stored)."""
    rk = kontora().kinds.get(complaint.subject_kind)
    if rk is None:
        return {"subject_label": f"{complaint.subject_kind} #{complaint.subject_id}",
                "subject_url": None}
    record = session().get(rk.model, complaint.subject_id)
    title = rk.title_of(record) if record is not None else f"#{complaint.subject_id}"
    url = url_for(rk.endpoint, id=complaint.subject_id) if rk.endpoint else None
    return {"subject_label": f"{rk.label}: {title}", "subject_url": url}
