"""Entering a payment, allocating a payment's credit and "mark as paid": pages that call
this plugin's services.

The payment form first picks the client (the same kind of client picker invoicing uses),
then lists the client's open invoices, each with the amount to allocate to it; opened
from an invoice, that invoice is filled in.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select

from core.db import session
from core.errors import Conflict, ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from core.kernel import kontora
from core.permissions import scope
from plugins.parties.models import Client
from plugins.payments import services
from plugins.payments.schemas import METHODS
from plugins.payments.status import METHOD_LABELS
from plugins.payments.views import bp

FIELDS = ("party_id", "method", "amount", "currency", "paid_on", "reference", "notes")
INVOICE = "invoicing.invoice"


def _clients() -> list[tuple[str, str]]:
    """The clients to choose from, within the user's record rules."""
    principal = current_principal()
    if not principal.has("parties.read"):
        return []
    found = session().scalars(scope(select(Client).order_by(Client.name).limit(1000),
                                    Client, principal))
    return [("", "—"), *((str(c.id), c.name) for c in found)]


def _party_id(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= 2147483647 else None


def _allocations(open_docs: list[tuple[Any, dict[str, Any]]]) -> list[dict[str, Any]]:
    """The amounts typed against the open invoices (``alloc-<id>``); empty ones skipped."""
    wanted = []
    for record, _info in open_docs:
        text = (request.form.get(f"alloc-{record.id}") or "").strip()
        if text:
            wanted.append({"record_kind": INVOICE, "record_id": record.id, "amount": text})
    return wanted


@bp.route("/new", methods=["GET", "POST"], endpoint="create")
@login_required
@permission_required("payments.write")
def create():
    principal = current_principal()
    source = request.form if request.method == "POST" else request.args
    party_id = _party_id(source.get("party_id"))
    open_docs = services.open_documents(principal, party_id) if party_id else []
    values: dict[str, Any] = {"method": "transfer", "paid_on": date.today().isoformat(),
                              "party_id": party_id}
    preset = _party_id(request.args.get("record_id"))
    for record, info in open_docs:
        if record.id == preset:
            open_now = info["total"] - info["paid"]
            values.update(currency=info["currency"], amount=str(open_now),
                          **{f"alloc-{record.id}": str(open_now)})
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values = request.form.to_dict()
        data = {name: request.form.get(name) or None for name in FIELDS}
        data["allocations"] = _allocations(open_docs)
        try:
            payment = services.record_payment(principal, data)
        except ValidationError as exc:
            errors = exc.fields or {"_": [exc.message]}
        else:
            flash(_("Payment recorded."), "success")
            return redirect(url_for("payments.payment_detail", id=payment.id), code=303)
    return render_template(
        "payments/payment_form.html", values=values, errors=errors, open_docs=open_docs,
        clients=_clients(), party_id=party_id,
        methods=[(m, str(METHOD_LABELS[m])) for m in METHODS]), 422 if errors else 200


@bp.post("/<int:id>/allocate", endpoint="allocate")
@login_required
def allocate(id: int):
    principal = current_principal()
    wanted = [{"record_kind": INVOICE, "record_id": int(key[6:]), "amount": value.strip()}
              for key, value in request.form.items()
              if key.startswith("alloc-") and key[6:].isdigit() and value.strip()]
    try:
        services.allocate_credit(principal, id, {"allocations": wanted})
    except (Conflict, ValidationError) as exc:
        flash(_message(exc), "danger")
    else:
        flash(_("Credit allocated."), "success")
    return redirect(url_for("payments.payment_detail", id=id), code=303)


@bp.post("/mark-paid/<int:record_id>", endpoint="mark_paid")
@login_required
def mark_paid(record_id: int):
    principal = current_principal()
    try:
        services.mark_paid(principal, INVOICE, record_id,
                           {"paid_on": request.form.get("paid_on") or None})
    except (Conflict, ValidationError) as exc:
        flash(_message(exc), "danger")
    else:
        flash(_("Marked as paid."), "success")
    rk = kontora().kinds[INVOICE]
    return redirect(url_for(rk.endpoint, id=record_id), code=303)


def _message(exc: Conflict | ValidationError) -> str:
    details = "; ".join(m for ms in (exc.fields or {}).values() for m in ms)
    return f"{exc.message} {details}".strip()
