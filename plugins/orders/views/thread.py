"""Staff answer in an order's client thread (the "Client thread" tab of the order page)."""

from __future__ import annotations

from flask import current_app, flash, g, redirect, request, url_for
from werkzeug.wrappers import Response

from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required
from plugins.orders.panels import REFUSED_ANSWER
from plugins.orders.services.thread import answer_client
from plugins.orders.views import bp


@bp.post("/<int:id>/thread", endpoint="answer")
@login_required
def answer(id: int) -> Response | tuple[str, int]:
    """Answer the client; a refused answer draws the order page again, its thread tab open
    with the typed text and the field's message (nothing typed is lost)."""
    values = {"body": request.form.get("body", ""), "token": request.form.get("token") or None}
    uploads = [(f.filename, f.stream) for f in request.files.getlist("file") if f.filename]
    try:
        answer_client(current_principal(), id, values, uploads)
    except ValidationError as exc:
        g.setdefault(REFUSED_ANSWER, (values, exc.fields or {"body": [exc.message]}))
        return current_app.view_functions["orders.order_detail"](id=id), 422
    flash(_("The answer was sent to the client."), "success")
    return redirect(url_for("orders.order_detail", id=id), code=303)
