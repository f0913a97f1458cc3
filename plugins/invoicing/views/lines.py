"""The lines editor of a draft: add a line, change its quantity and price, remove it.

The product picker offers only the services assigned to the client (their own price
first); a free line, or another product, is offered only to holders of
``invoicing.free_lines`` — the service enforces the same rule for the API.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for

from core.errors import ValidationError
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from plugins.invoicing import services
from plugins.invoicing.views import bp
from plugins.invoicing.views.pages import render_detail

LINE_FIELDS = (
    "product_id",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "discount",
    "vat_rate",
    "vat_category",
    "exemption_reason",
)
CHANGE_FIELDS = ("quantity", "unit_price", "discount")


@bp.post("/<int:id>/lines", endpoint="line_add")
@login_required
@permission_required("invoicing.write")
def line_add(id: int):
    data = _fields(LINE_FIELDS)
    try:
        services.add_line(current_principal(), id, data)
    except ValidationError as exc:
        return render_detail(id, errors=exc.fields, values=data, status=422)
    return redirect(url_for("invoicing.detail", id=id), code=303)


@bp.post("/<int:id>/lines/<int:line_id>", endpoint="line_change")
@login_required
@permission_required("invoicing.write")
def line_change(id: int, line_id: int):
    data = _fields(CHANGE_FIELDS)
    try:
        services.update_line(current_principal(), id, line_id, data)
    except ValidationError as exc:
        flash(" ".join(m for ms in exc.fields.values() for m in ms) or exc.message, "danger")
        return render_detail(id, status=422)
    return redirect(url_for("invoicing.detail", id=id), code=303)


@bp.post("/<int:id>/lines/<int:line_id>/remove", endpoint="line_remove")
@login_required
@permission_required("invoicing.write")
def line_remove(id: int, line_id: int):
    services.remove_line(current_principal(), id, line_id)
    return redirect(url_for("invoicing.detail", id=id), code=303)


def _fields(names: tuple[str, ...]) -> dict[str, Any]:
    return {name: value for name in names if (value := request.form.get(name, "").strip())}
