"""The client's page behind the e-mailed link: read the order, confirm it or ask.

``/l/<token>`` (the kernel's client-link address) calls :func:`confirm` for the purpose
``orders.confirm``; nobody signs in, the link is the authority. Limited per address, as
every public endpoint is.
"""

from __future__ import annotations

from flask import render_template, request

from core.documents import render_html
from core.errors import Conflict, ValidationError
from core.i18n import gettext as _
from core.identity import limiter
from core.links import record_view
from plugins.orders.services import ask_by_client, confirm_by_client
from plugins.orders.services.client import awaiting_client, order_of_link
from plugins.orders.views import public_bp


@public_bp.route("/<token>", methods=["GET", "POST"], endpoint="confirm")
@limiter.limit("30 per minute")
def confirm(token: str):
    link, order = order_of_link(token)
    errors: dict = {}
    message, done, status = None, None, 200
    if request.method == "POST":
        action = request.form.get("action")
        try:
            if action == "confirm":
                confirm_by_client(token, {"text": request.form.get("text", "")})
                done = _("Thank you: the order is confirmed.")
            elif action == "ask":
                ask_by_client(token, {"text": request.form.get("text", "")})
                done = _("Thank you: your question was passed on; we will answer soon.")
            else:
                errors, status = {"action": [_("Choose what to do.")]}, 400
        except (ValidationError, Conflict) as exc:
            errors, message, status = exc.fields or {}, exc.message, exc.status
    else:
        record_view(link)
    return render_template("orders/public.html", order=order, token=token,
                           document=render_html("orders.order", order),
                           can_confirm=awaiting_client(order) and done is None,
                           done=done, errors=errors, message=message), status
