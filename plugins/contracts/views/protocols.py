"""Acceptance protocols: prepared from a contract or an order, sent with one click."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import flash, redirect, render_template, request, url_for

from core.errors import Conflict, ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from plugins.contracts import services
from plugins.contracts.services.common import load_protocol
from plugins.contracts.views import bp

MAX_ROWS = 50


def _items(form: Any) -> list[dict[str, Any]] | None:
    """Rows ``items-<n>-description`` ... from the form; ``None`` when the form has none."""
    rows = []
    for n in range(MAX_ROWS):
        description = form.get(f"items-{n}-description", "").strip()
        if not description:
            continue
        rows.append({"description": description,
                     "quantity": form.get(f"items-{n}-quantity", "").strip() or "1",
                     "unit": form.get(f"items-{n}-unit", "").strip() or None,
                     "remark": form.get(f"items-{n}-remark", "").strip() or None})
    return rows or None


def _data(form: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"delivered_on": form.get("delivered_on", "").strip() or None,
                            "delivered_from": form.get("delivered_from", "").strip() or None,
                            "remarks": form.get("remarks", "").strip() or None}
    items = _items(form)
    if items is not None:
        data["items"] = items
    return data


@bp.route("/protocols/create", methods=["GET", "POST"], endpoint="protocol_create")
@login_required
@permission_required("contracts.write")
def protocol_create():
    source = request.values
    values: dict[str, Any] = {"source_kind": source.get("source_kind", "contracts.contract"),
                              "source_id": source.get("source_id", ""),
                              "delivered_on": date.today().isoformat()}
    errors: dict[str, Any] = {}
    message, status = None, 200
    if request.method == "POST":
        data = _data(request.form)
        data.update(source_kind=request.form.get("source_kind", ""),
                    source_id=request.form.get("source_id", ""))
        try:
            protocol = services.create_protocol(current_principal(), data)
        except ValidationError as exc:
            values, errors, message, status = dict(request.form), exc.fields or {}, \
                exc.message, 422
        else:
            flash(_("Acceptance protocol prepared; check the items and send it."), "success")
            return redirect(url_for("contracts.protocol_detail", id=protocol.id))
    return render_template("contracts/protocol_form.html", protocol=None, values=values,
                           errors=errors, message=message), status


@bp.route("/protocols/<int:id>/change", methods=["GET", "POST"], endpoint="protocol_change")
@login_required
def protocol_change(id: int):
    protocol = load_protocol(current_principal(), id, "write")
    values: dict[str, Any] = {"delivered_on": protocol.delivered_on,
                              "delivered_from": protocol.delivered_from or "",
                              "remarks": protocol.remarks or "", "version": protocol.version}
    errors: dict[str, Any] = {}
    message, status = None, 200
    if request.method == "POST":
        try:
            services.update_protocol(current_principal(), id, _data(request.form))
        except (ValidationError, Conflict) as exc:
            values, errors, message, status = dict(request.form), exc.fields or {}, \
                exc.message, exc.status
        else:
            flash(_("Acceptance protocol saved."), "success")
            return redirect(url_for("contracts.protocol_detail", id=id))
    return render_template("contracts/protocol_form.html", protocol=protocol, values=values,
                           errors=errors, message=message), status


@bp.route("/protocols/<int:id>/remove", methods=["GET", "POST"], endpoint="protocol_remove")
@login_required
def protocol_remove(id: int):
    """Confirm, then delete a draft protocol (a sent one is refused with a notice)."""
    protocol = load_protocol(current_principal(), id, "write")
    if request.method == "POST":
        try:
            services.delete_protocol(current_principal(), id)
        except Conflict as exc:
            flash(exc.message, "danger")
            return redirect(url_for("contracts.protocol_detail", id=id), code=303)
        flash(_("Acceptance protocol deleted."), "success")
        return redirect(url_for("contracts.protocol_list"), code=303)
    return render_template(
        "contracts/remove.html", label=protocol.label,
        question=_("Delete the draft acceptance protocol %(protocol)s?",
                   protocol=protocol.label),
        back=url_for("contracts.protocol_detail", id=id))


@bp.post("/protocols/<int:id>/send", endpoint="protocol_send")
@login_required
def protocol_send(id: int):
    try:
        services.send_protocol(current_principal(), id, {})
    except (ValidationError, Conflict) as exc:
        details = "; ".join(m for ms in (exc.fields or {}).values() for m in ms)
        flash(f"{exc.message} {details}".strip(), "danger")
    else:
        flash(_("Sent to the client for signature."), "success")
    return redirect(url_for("contracts.protocol_detail", id=id), code=303)
