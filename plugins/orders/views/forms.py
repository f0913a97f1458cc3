"""Creating, changing and deleting orders through the plugin's services."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from core.errors import Conflict, Forbidden, ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from plugins.orders import services
from plugins.orders.services.common import load_order
from plugins.orders.views import bp

FIELDS = ("party_id", "contact_id", "currency", "delivery_date", "reference", "notes")


def _data(form: Any, *, creating: bool) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in FIELDS:
        value = form.get(name, "").strip()
        if value:
            data[name] = value
        elif not creating and name not in ("party_id", "currency"):
            data[name] = None
    return data


@bp.route("/create", methods=["GET", "POST"], endpoint="create")
@login_required
@permission_required("orders.write")
def create():
    values: dict[str, Any] = {"currency": "RON", "party_id": "",
                              **{k: request.args[k] for k in FIELDS if k in request.args}}
    errors: dict[str, Any] = {}
    message, status = None, 200
    if request.method == "POST":
        try:
            order = services.create_order(current_principal(), _data(request.form,
                                                                     creating=True))
        except ValidationError as exc:
            values, errors, message, status = dict(request.form), exc.fields or {}, \
                exc.message, 422
        else:
            flash(_("Order created; add its lines."), "success")
            return redirect(url_for("orders.order_detail", id=order.id))
    return render_template("orders/order_form.html", order=None, values=values, errors=errors,
                           message=message), status


@bp.route("/<int:id>/change", methods=["GET", "POST"], endpoint="change")
@login_required
def change(id: int):
    order = load_order(current_principal(), id, "write")
    values: dict[str, Any] = {name: getattr(order, name) or "" for name in FIELDS}
    values["version"] = order.version
    errors: dict[str, Any] = {}
    message, status = None, 200
    if request.method == "POST":
        try:
            version = int(request.form.get("version") or 0) or None
            services.update_order(current_principal(), id, _data(request.form, creating=False),
                                  expected_version=version)
        except (ValidationError, Conflict) as exc:
            values, errors, message, status = dict(request.form), exc.fields or {}, \
                exc.message, exc.status
        except ValueError:
            values, message, status = dict(request.form), _("Reload the page."), 400
        else:
            flash(_("Order saved."), "success")
            return redirect(url_for("orders.order_detail", id=id))
    return render_template("orders/order_form.html", order=order, values=values,
                           errors=errors, message=message), status


@bp.route("/<int:id>/remove", methods=["GET", "POST"], endpoint="remove")
@login_required
def remove(id: int):
    order = load_order(current_principal(), id, "write")
    if request.method == "POST":
        try:
            services.delete_order(current_principal(), id)
        except (Conflict, Forbidden) as exc:
            flash(exc.message, "danger")
            return redirect(url_for("orders.order_detail", id=id))
        flash(_("Order deleted."), "success")
        return redirect(url_for("orders.order_list"))
    return render_template("orders/order_remove.html", order=order)
