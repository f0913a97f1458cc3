"""The order as a PDF: rendered by a job after commit, never on the request path.

``POST /orders/<id>/pdf`` asks for a fresh rendition (a confirmed order keeps the one
frozen at confirmation); ``GET`` serves the stored bytes once ready, and until then a page
that looks again every few seconds.
"""

from __future__ import annotations

from flask import Response, redirect, render_template, url_for

from core.documents import current_file, request_pdf
from core.documents.files import file_bytes
from core.documents.models import READY
from core.identity import current_principal
from core.identity.guards import login_required
from plugins.orders.services.common import KIND, load_order
from plugins.orders.views import bp


@bp.get("/<int:id>/pdf", endpoint="pdf")
@login_required
def pdf(id: int):
    order = load_order(current_principal(), id)
    row = current_file(KIND, id)
    if row is None:
        row = request_pdf(KIND, id)
    if row.status != READY:
        return render_template("orders/pdf_wait.html", record=order, row=row), 202
    stored = file_bytes(row)
    name = (order.number or f"order-{order.id}").replace("/", "-")
    return Response(stored.content, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{name}.pdf"',
        "X-Content-SHA256": stored.sha256, "Cache-Control": "private, no-cache"})


@bp.post("/<int:id>/pdf", endpoint="render_pdf")
@login_required
def render_pdf(id: int):
    load_order(current_principal(), id)
    request_pdf(KIND, id)
    return redirect(url_for("orders.pdf", id=id), code=303)
