"""The frozen PDF of a cash receipt, for those who may read the payment (staff here, the
client in its portal)."""

from __future__ import annotations

from typing import Any

from flask import Response, render_template, url_for

from core.documents import current_file, request_pdf
from core.documents.files import file_bytes
from core.documents.models import READY
from core.errors import NotFound
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required
from core.services import load_record
from plugins.payments.kinds import KIND
from plugins.payments.views import bp


@bp.get("/<int:id>/receipt.pdf", endpoint="receipt")
@login_required
def receipt(id: int):
    return receipt_response(load_record(current_principal(), KIND, id),
                            url_for("payments.payment_detail", id=id))


def receipt_response(payment: Any, back: str) -> Any:
    """The receipt's PDF once rendered, else the page asking to wait (202)."""
    if payment.receipt_number is None:
        raise NotFound(_("This payment has no cash receipt."))
    row = current_file(KIND, payment.id) or request_pdf(KIND, payment.id, freeze=True)
    if row.status != READY:
        return render_template("invoicing/pdf_wait.html", record=payment, row=row,
                               back=back), 202
    stored = file_bytes(row)
    return Response(stored.content, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{payment.receipt_number}.pdf"',
        "X-Content-SHA256": stored.sha256, "Cache-Control": "private, no-cache"})
