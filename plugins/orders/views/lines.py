"""The lines editor of a draft order: htmx posts (add, change, move, copy, remove) that
answer with the refreshed lines card; the shared widgets are the kernel's macros/lines.html.

Without htmx (no ``HX-Request`` header) each post redirects back to the order's page, so
the editor also works as plain forms.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from core.errors import Conflict, ValidationError
from core.identity import current_principal
from core.identity.guards import login_required
from plugins.orders import services
from plugins.orders.services.common import load_order
from plugins.orders.views import bp

LINE_FIELDS = ("product_id", "description", "quantity", "unit", "unit_price", "discount",
               "vat_rate")


def _line_data(form: Any, *, partial: bool) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in LINE_FIELDS:
        value = form.get(name, "").strip()
        if value:
            data[name] = value.replace(",", ".") if name not in ("description", "unit") \
                else value
        elif partial and name in ("unit",):
            data[name] = None
    return data


def _answer(order_id: int, errors: dict | None = None, message: str | None = None,
            values: dict | None = None, status: int = 200):
    if request.headers.get("HX-Request") != "true":
        if message:
            flash(message, "danger")
        return redirect(url_for("orders.order_detail", id=order_id))
    order = load_order(current_principal(), order_id)
    return render_template("orders/_lines.html", record=order, errors=errors or {},
                           message=message, values=values or {}), status


def _run(order_id: int, fn: Any, *args: Any, values: dict | None = None):
    try:
        fn(current_principal(), order_id, *args)
    except (ValidationError, Conflict) as exc:
        return _answer(order_id, exc.fields or {}, exc.message, values, exc.status)
    return _answer(order_id)


@bp.post("/<int:id>/lines", endpoint="add_line")
@login_required
def add_line(id: int):
    return _run(id, services.add_line, _line_data(request.form, partial=False),
                values=dict(request.form))


@bp.post("/<int:id>/lines/<int:line_id>", endpoint="update_line")
@login_required
def update_line(id: int, line_id: int):
    return _run(id, services.update_line, line_id, _line_data(request.form, partial=True))


@bp.post("/<int:id>/lines/<int:line_id>/move", endpoint="move_line")
@login_required
def move_line(id: int, line_id: int):
    return _run(id, services.reorder_line, line_id, {"position": request.form.get("position", "")})


@bp.post("/<int:id>/lines/<int:line_id>/duplicate", endpoint="duplicate_line")
@login_required
def duplicate_line(id: int, line_id: int):
    return _run(id, services.duplicate_line, line_id)


@bp.post("/<int:id>/lines/<int:line_id>/remove", endpoint="remove_line")
@login_required
def remove_line(id: int, line_id: int):
    return _run(id, services.remove_line, line_id)
