"""The lines editor: add, change in place, move, copy and remove lines with htmx; totals
are recomputed by the service and the summary above the lines is swapped out of band.

An htmx request gets the lines panel back; a plain form post is redirected to the page.
When the change made a new revision (the offer was sent), the browser is sent to it.
"""

from __future__ import annotations

from typing import Any

from flask import Response, flash, redirect, render_template, request, url_for

from core.errors import Conflict, ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from plugins.offers import services
from plugins.offers.views import bp

LINE_FIELDS = ("product_id", "description", "quantity", "unit", "unit_price", "discount",
               "vat_rate")


@bp.post("/<int:id>/lines")
@login_required
@permission_required("offers.write")
def line_add(id: int):
    data = {k: v.strip() for k in LINE_FIELDS if (v := request.form.get(k, "")).strip()}
    try:
        offer = services.add_line(current_principal(), id, data)
    except ValidationError as exc:
        offer = services.get_offer(current_principal(), id)
        return _answer(id, offer, errors=exc.fields, values=data, status=422)
    return _answer(id, offer)


@bp.post("/<int:id>/lines/<int:line_id>")
@login_required
@permission_required("offers.write")
def line_update(id: int, line_id: int):
    data = {k: v.strip() for k in LINE_FIELDS if (v := request.form.get(k)) is not None}
    return _change(id, services.update_line, line_id, data)


@bp.post("/<int:id>/lines/<int:line_id>/move")
@login_required
@permission_required("offers.write")
def line_move(id: int, line_id: int):
    return _change(id, services.reorder_line, line_id,
                   {"position": request.form.get("position", "")})


@bp.post("/<int:id>/lines/<int:line_id>/duplicate")
@login_required
@permission_required("offers.write")
def line_duplicate(id: int, line_id: int):
    return _change(id, services.duplicate_line, line_id)


def _change(id: int, fn: Any, *args: Any):
    """Run a line service; a refusal shows the lines again with the reason."""
    try:
        offer = fn(current_principal(), id, *args)
    except (ValidationError, Conflict) as exc:
        offer = services.get_offer(current_principal(), id)
        return _answer(id, offer, errors=exc.fields, message=exc.message, status=exc.status)
    return _answer(id, offer)


@bp.post("/<int:id>/lines/<int:line_id>/remove")
@login_required
@permission_required("offers.write")
def line_remove(id: int, line_id: int):
    offer = services.remove_line(current_principal(), id, line_id)
    return _answer(id, offer)


def _answer(asked_id: int, offer: Any, *, errors: dict | None = None,
            values: dict | None = None, message: str | None = None, status: int = 200):
    if offer.id != asked_id:
        flash(_("The offer was sent already, so your change makes revision %(rev)s.",
                rev=offer.revision), "info")
        target = url_for("offers.offer_detail", id=offer.id)
        if request.headers.get("HX-Request"):
            return Response(status=204, headers={"HX-Redirect": target})
        return redirect(target)
    if request.headers.get("HX-Request"):
        return render_lines(offer, errors=errors, values=values, message=message,
                            summary=True), status
    if errors:
        flash(message or _("The line was not added: check the marked fields."), "danger")
    return redirect(url_for("offers.offer_detail", id=offer.id))


def render_lines(offer: Any, *, errors: dict | None = None, values: dict | None = None,
                 message: str | None = None, summary: bool = False) -> str:
    """The lines panel; with ``summary`` also the offer's summary, swapped out of band."""
    from plugins.offers.views.page import products

    return render_template("offers/_lines.html", offer=offer, errors=errors or {},
                           values=values or {}, products=products(offer.currency),
                           editable=_editable(offer), message=message, oob_summary=summary)


def _editable(offer: Any) -> bool:
    principal = current_principal()
    return (principal is not None and principal.has("offers.write") and not offer.superseded
            and offer.status not in ("accepted", "cancelled"))
