"""The orders section of the client portal (``/portal/orders``): the client's orders, each
with its lines, totals, status history and the thread in which the client asks and staff
answer, with files. Every page goes through ``services.portal`` or ``services.thread``,
which scope it to the portal user's current client.

Shown only when the portal plugin is enabled: it asks for the section through
``kontora_portal_sections`` and provides the ``portal/layout.html`` these pages extend.
"""

from __future__ import annotations

import secrets
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from core.errors import ValidationError
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.identity.guards import portal_pages_only
from plugins.activities.downloads import send_attachment
from plugins.orders.services.portal import (
    client_order,
    client_orders,
    follow_up_documents,
    status_history,
)
from plugins.orders.services.thread import client_thread, client_thread_file, post_client_message
from plugins.orders.workflow import current_workflow

bp = Blueprint("orders_portal", __name__, url_prefix="/portal/orders",
               template_folder="templates")
bp.before_request(portal_pages_only)




def portal_sections() -> list[dict[str, Any]]:
    return [{"key": "orders", "title": _l("Orders"), "endpoint": "orders_portal.index",
             "order": 20}]


@bp.get("/")
def index() -> str:
    return render_template("orders/portal/list.html", orders=client_orders(current_principal()),
                           workflow=current_workflow())


@bp.get("/<int:order_id>")
def detail(order_id: int, values: dict[str, str] | None = None,
           errors: dict[str, list[str]] | None = None) -> str:
    principal = current_principal()
    order = client_order(principal, order_id)
    return render_template("orders/portal/detail.html", order=order,
                           history=status_history(order), workflow=current_workflow(),
                           documents=follow_up_documents(principal, order),
                           thread=client_thread(principal, order.id), values=values or {},
                           errors=errors or {}, token=secrets.token_urlsafe(16))


@bp.post("/<int:order_id>/messages")
def post_message(order_id: int) -> Response | tuple[str, int]:
    values = {"body": request.form.get("body", ""), "token": request.form.get("token") or None}
    uploads = [(f.filename, f.stream) for f in request.files.getlist("file") if f.filename]
    try:
        post_client_message(current_principal(), order_id, values, uploads)
    except ValidationError as exc:
        return detail(order_id, values, exc.fields or {"body": [exc.message]}), 422
    return redirect(url_for("orders_portal.detail", order_id=order_id, _anchor="thread"),
                    code=303)


@bp.get("/<int:order_id>/files/<key>")
def thread_file(order_id: int, key: str) -> Response:
    return send_attachment(client_thread_file(current_principal(), order_id, key))
