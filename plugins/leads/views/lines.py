"""The cost calculator on a lead's page: add, change and remove lines (htmx or plain posts)."""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from markupsafe import Markup
from sqlalchemy import select

from core.db import session
from core.errors import ValidationError
from core.identity import current_principal
from core.identity.guards import login_required
from plugins.leads.services import calculator, load_lead
from plugins.leads.views import bp
from plugins.leads.views.common import back, form_dict, is_htmx

LINE_FIELDS = ("product_id", "description", "quantity", "unit", "unit_price", "discount",
               "vat_rate")


@bp.post("/<int:id>/lines")
@login_required
def line_add(id: int):
    try:
        calculator.add_line(current_principal(), id, form_dict(LINE_FIELDS))
    except ValidationError as exc:
        return render_lines(id, errors=exc.fields or {}, values=request.form), 422
    return render_lines(id) if is_htmx() else back("leads.lead_detail", id=id)


@bp.post("/<int:id>/lines/<int:line_id>")
@login_required
def line_update(id: int, line_id: int):
    try:
        calculator.update_line(current_principal(), id, line_id, form_dict(LINE_FIELDS))
    except ValidationError as exc:
        return render_lines(id, errors=exc.fields or {}, values=request.form), 422
    return render_lines(id) if is_htmx() else back("leads.lead_detail", id=id)


@bp.post("/<int:id>/lines/<int:line_id>/delete")
@login_required
def line_remove(id: int, line_id: int):
    calculator.remove_line(current_principal(), id, line_id)
    return render_lines(id) if is_htmx() else back("leads.lead_detail", id=id)


def render_lines(lead_id: int, *, errors: dict | None = None, values: Any = None) -> str:
    from plugins.catalog.models import Product

    principal = current_principal()
    lead = load_lead(principal, lead_id)
    products = [("", "")] + [
        (p.id, f"{p.code} · {p.name} ({p.price.normalize():f} {p.currency})")
        for p in session().scalars(select(Product).where(Product.active.is_(True))
                                   .order_by(Product.code).limit(500))]
    return render_template("leads/_lines.html", lead=lead, totals=calculator.totals(lead),
                           products=products, errors=errors or {}, values=values or {},
                           can_write=principal.has("leads.write"))


def lines_panel(lead_id: int) -> Markup:
    return Markup(render_lines(lead_id))
