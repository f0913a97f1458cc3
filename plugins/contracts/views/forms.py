"""Creating, changing and deleting contracts, the workflow buttons, the counter-signature
and the PDF, each through one service."""

from __future__ import annotations

from typing import Any

from flask import Response, flash, redirect, render_template, request, url_for

from core.documents import current_file, request_pdf
from core.documents.files import file_bytes
from core.documents.models import READY
from core.errors import Conflict, Forbidden, ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from core.web.posted import action_fields
from plugins.contracts import services
from plugins.contracts.services.common import CONTRACT, PROTOCOL, load_contract, load_protocol
from plugins.contracts.views import bp

FIELDS = ("title", "party_id", "start_date", "end_date", "value", "currency", "template",
          "reference", "terms", "notes")
OPTIONAL = ("start_date", "end_date", "reference", "terms", "notes")

def _data(form: Any, *, creating: bool) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in FIELDS:
        value = form.get(name, "").strip()
        if value:
            data[name] = value
        elif not creating and name in OPTIONAL:
            data[name] = None
    return data


def _version() -> int | None:
    try:
        return int(request.form.get("version") or 0) or None
    except ValueError:
        return None


@bp.route("/create", methods=["GET", "POST"], endpoint="create")
@login_required
@permission_required("contracts.write")
def create():
    values: dict[str, Any] = {"currency": "RON", "template": "default",
                              "party_id": request.args.get("party_id", "")}
    errors: dict[str, Any] = {}
    message, status = None, 200
    if request.method == "POST":
        try:
            contract = services.create_contract(current_principal(),
                                                _data(request.form, creating=True))
        except ValidationError as exc:
            values, errors, message, status = dict(request.form), exc.fields or {}, \
                exc.message, 422
        else:
            flash(_("Contract created."), "success")
            return redirect(url_for("contracts.contract_detail", id=contract.id))
    return render_template("contracts/contract_form.html", contract=None, values=values,
                           errors=errors, message=message), status


@bp.route("/<int:id>/change", methods=["GET", "POST"], endpoint="change")
@login_required
def change(id: int):
    contract = load_contract(current_principal(), id, "write")
    values: dict[str, Any] = {name: getattr(contract, name) or "" for name in FIELDS}
    values["version"] = contract.version
    errors: dict[str, Any] = {}
    message, status = None, 200
    if request.method == "POST":
        try:
            services.update_contract(current_principal(), id,
                                     _data(request.form, creating=False),
                                     expected_version=_version())
        except (ValidationError, Conflict) as exc:
            values, errors, message, status = dict(request.form), exc.fields or {}, \
                exc.message, exc.status
        else:
            flash(_("Contract saved."), "success")
            return redirect(url_for("contracts.contract_detail", id=id))
    return render_template("contracts/contract_form.html", contract=contract, values=values,
                           errors=errors, message=message), status


@bp.route("/<int:id>/remove", methods=["GET", "POST"], endpoint="remove")
@login_required
def remove(id: int):
    contract = load_contract(current_principal(), id, "write")
    if request.method == "POST":
        try:
            services.delete_contract(current_principal(), id)
        except (Conflict, Forbidden) as exc:
            flash(exc.message, "danger")
            return redirect(url_for("contracts.contract_detail", id=id))
        flash(_("Contract deleted."), "success")
        return redirect(url_for("contracts.contract_list"))
    return render_template(
        "contracts/remove.html", label=contract.label,
        question=_("Delete the draft contract %(contract)s?", contract=contract.label),
        back=url_for("contracts.contract_detail", id=id))


@bp.post("/<int:id>/move/<name>", endpoint="move")
@login_required
def move(id: int, name: str):
    try:
        contract = services.run_transition(current_principal(), id, name,
                                           action_fields(request.form),
                                           expected_version=_version())
    except (Conflict, ValidationError) as exc:
        _flash_error(exc)
        return redirect(url_for("contracts.contract_detail", id=id), code=303)
    flash(_("Contract %(contract)s: done.", contract=contract.label), "success")
    return redirect(url_for("contracts.contract_detail", id=id), code=303)


@bp.post("/<kind>/<int:id>/countersign", endpoint="countersign")
@login_required
def countersign(kind: str, id: int):
    endpoint = "contracts.contract_detail" if kind == "contract" else \
        "contracts.protocol_detail"
    fn = services.countersign_contract if kind == "contract" else \
        services.countersign_protocol
    try:
        fn(current_principal(), id, {"signature": request.form.get("signature") or None})
    except (Conflict, ValidationError) as exc:
        _flash_error(exc)
    else:
        flash(_("Signed for the company."), "success")
    return redirect(url_for(endpoint, id=id), code=303)


@bp.get("/<kind>/<int:id>/pdf", endpoint="pdf")
@login_required
def pdf(kind: str, id: int):
    """The signed PDF once sealed, else the one sent, else a draft (rendered by a job)."""
    if kind == "contract":
        record, record_kind = load_contract(current_principal(), id), CONTRACT
    else:
        record, record_kind = load_protocol(current_principal(), id), PROTOCOL
    row = current_file(record_kind, id)
    if row is None:
        template = getattr(record, "template", "default")
        row = request_pdf(record_kind, id,
                          template=template if template != "default" else None)
    if row.status != READY:
        return render_template("contracts/pdf_wait.html", record=record, kind=kind), 202
    stored = file_bytes(row)
    name = (record.number or f"{kind}-{record.id}").replace("/", "-")
    return Response(stored.content, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{name}.pdf"',
        "X-Content-SHA256": stored.sha256, "Cache-Control": "private, no-cache"})


def _flash_error(exc: Any) -> None:
    details = "; ".join(m for ms in (exc.fields or {}).values() for m in ms)
    flash(f"{exc.message} {details}".strip(), "danger")
