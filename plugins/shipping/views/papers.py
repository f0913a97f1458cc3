"""A shipping paper as PDF: the frozen one once dispatched, else a draft rendered by a job
after commit (a page that looks again every few seconds until then)."""

from __future__ import annotations

from flask import Response, render_template

from core.documents.files import file_bytes
from core.documents.models import READY
from core.identity import current_principal
from core.identity.guards import login_required
from plugins.shipping.services.common import load_shipment
from plugins.shipping.services.papers import paper_file
from plugins.shipping.views import bp


@bp.get("/<int:id>/papers/<paper>", endpoint="paper")
@login_required
def paper(id: int, paper: str):
    principal = current_principal()
    row = paper_file(principal, id, paper)
    if row.status != READY:
        shipment = load_shipment(principal, id)
        return render_template("shipping/pdf_wait.html", record=shipment, row=row), 202
    stored = file_bytes(row)
    name = f"{paper}-{id}"
    return Response(stored.content, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{name}.pdf"',
        "X-Content-SHA256": stored.sha256, "Cache-Control": "private, no-cache"})
