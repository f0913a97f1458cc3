"""The "Complaints" tab of the order page, with its "New complaint" button.

Contributed through ``kontora_record_panels`` so the orders plugin never imports this one.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import render_template
from sqlalchemy import select

from core.db import session
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.permissions import scope
from plugins.complaints.models import Complaint
from plugins.complaints.workflow import status_label

SUBJECT_KIND = "orders.order"


def record_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    principal = current_principal()
    if kind != SUBJECT_KIND or principal is None or not principal.has("complaints.read"):
        return []
    return [{"key": "complaints", "title": _l("Complaints"), "order": 30,
             "render": partial(_render, principal, record_id)}]


def _render(principal: Any, order_id: int) -> str:
    complaints = session().scalars(scope(
        select(Complaint).where(Complaint.subject_kind == SUBJECT_KIND,
                                Complaint.subject_id == order_id)
        .order_by(Complaint.id.desc()).limit(50), Complaint, principal,
        prefix="complaints")).all()
    return render_template("complaints/_order_panel.html", complaints=complaints,
                           order_id=order_id, subject_kind=SUBJECT_KIND,
                           status_label=status_label,
                           can_write=principal.has("complaints.write"))
