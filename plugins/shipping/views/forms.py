"""Planning, changing and packing a shipment: pages that call this plugin's services.

The planning form lists the order's lines with what is left of each to ship; the packing
form has a row per package and, for each line, the package it goes in and its net weight.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import abort, redirect, render_template, request, url_for

from core.errors import ValidationError
from core.identity import current_principal
from core.identity.guards import login_required
from core.services import load_record
from plugins.shipping import services
from plugins.shipping.services.common import ORDER, load_shipment, shipped_quantities
from plugins.shipping.services.shipments import delivery_addresses
from plugins.shipping.views import bp
from plugins.shipping.views.workflow import form_version

FIELDS = ("method", "carrier_id", "carrier_service", "tracking_number", "vehicle", "driver",
          "origin", "delivery_address_id", "planned_dispatch", "planned_delivery",
          "instructions", "notes")
PACKAGE_ROWS = 6


def _fields() -> dict[str, Any]:
    return {name: request.form.get(name) or None for name in FIELDS
            if name in request.form}


def _choices(order: Any) -> dict[str, Any]:
    """The carriers and the client's delivery addresses as ``(value, label)`` pairs."""
    return {"carriers": [(str(c.id), c.name) for c in services.active_carriers()],
            "addresses": [(str(a.id), ", ".join(p for p in (a.label, a.street, a.city) if p))
                          for a in delivery_addresses(order.party)]}


@bp.route("/new", methods=["GET", "POST"], endpoint="create")
@login_required
def create():
    principal = current_principal()
    order_id = request.values.get("order_id", type=int)
    if not order_id:
        abort(404)
    order = load_record(principal, ORDER, order_id, "read")
    shipped = shipped_quantities(order.id)
    left = {line.id: line.quantity - shipped.get(line.id, Decimal(0)) for line in order.lines}
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {"method": "carrier"}
    if request.method == "POST":
        values = request.form.to_dict()
        data = {**_fields(), "order_id": order.id}
        if any(key.startswith("qty_") for key in request.form):  # else: all that is left
            data["lines"] = [
                {"order_line_id": line.id, "quantity": request.form[f"qty_{line.id}"]}
                for line in order.lines
                if request.form.get(f"qty_{line.id}", "").strip() not in ("", "0")]
        try:
            shipment = services.create_shipment(principal, data)
            return redirect(url_for("shipping.shipment_detail", id=shipment.id), code=303)
        except ValidationError as exc:
            errors = exc.fields or {"_": [exc.message]}
    return render_template("shipping/shipment_form.html", order=order, left=left,
                           shipment=None, values=values, errors=errors,
                           **_choices(order)), 422 if errors else 200


@bp.route("/<int:id>/change", methods=["GET", "POST"], endpoint="change")
@login_required
def change(id: int):
    principal = current_principal()
    shipment = load_shipment(principal, id, "write")
    order = load_record(principal, ORDER, shipment.order_id, "read")
    errors: dict[str, list[str]] = {}
    values = {name: getattr(shipment, name) for name in FIELDS}
    if request.method == "POST":
        values = request.form.to_dict()
        try:
            services.update_shipment(principal, id, _fields(), expected_version=form_version())
            return redirect(url_for("shipping.shipment_detail", id=id), code=303)
        except ValidationError as exc:
            errors = exc.fields or {"_": [exc.message]}
    return render_template("shipping/shipment_form.html", order=order, left={},
                           shipment=shipment, values=values, errors=errors,
                           **_choices(order)), 422 if errors else 200


@bp.route("/<int:id>/pack", methods=["GET", "POST"], endpoint="pack")
@login_required
def pack(id: int):
    principal = current_principal()
    shipment = load_shipment(principal, id, "write")
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            services.pack_shipment(principal, id, _packing(shipment),
                                   expected_version=form_version())
            return redirect(url_for("shipping.shipment_detail", id=id), code=303)
        except ValidationError as exc:
            errors = exc.fields or {"_": [exc.message]}
    rows = max(PACKAGE_ROWS, len(shipment.packages) + 2)
    return render_template("shipping/pack_form.html", record=shipment, errors=errors,
                           rows=rows, form=request.form), 422 if errors else 200


def _packing(shipment: Any) -> dict[str, Any]:
    """The packing form as the service's input: filled rows become packages (renumbered
    in order), each line goes in the row chosen for it."""
    form = request.form
    packages, numbers = [], {}
    for row in range(1, int(form.get("rows", PACKAGE_ROWS)) + 1):
        weight = form.get(f"p{row}_gross_weight", "").strip()
        if not weight:
            continue
        numbers[row] = len(packages)
        packages.append({"packaging": form.get(f"p{row}_packaging") or "box",
                         "count": form.get(f"p{row}_count") or 1, "gross_weight": weight,
                         "length": form.get(f"p{row}_length") or None,
                         "width": form.get(f"p{row}_width") or None,
                         "height": form.get(f"p{row}_height") or None,
                         "marks": form.get(f"p{row}_marks") or None, "lines": []})
    weights = {}
    for line in shipment.lines:
        chosen = form.get(f"line{line.id}_package", type=int)
        if chosen in numbers:
            packages[numbers[chosen]]["lines"].append(line.id)
        weight = form.get(f"line{line.id}_net_weight", "").strip()
        if weight:
            weights[str(line.id)] = weight
    return {"packages": packages, "net_weights": weights, "origin": form.get("origin")}
