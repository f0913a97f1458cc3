"""Drafts by hand: the header form (new, change), deleting a draft, and the seller page.

Each form posts to one service call; a validation error shows the form again with each
field's message (422). The client is chosen with the kernel's record picker.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from core.company import company_language
from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from plugins.invoicing import services
from plugins.invoicing.services.common import load_document
from plugins.invoicing.views import bp
from plugins.invoicing.workflow import DOC_TYPE_LABELS

FIELDS = ("doc_type", "party_id", "currency", "payment_terms_days", "language", "series",
          "reference", "notes")
CHANGE_FIELDS = ("currency", "payment_terms_days", "language", "series", "reference", "notes")
LANGUAGE_NAMES = {"ro": "Română", "bg": "Български", "ru": "Русский", "en": "English"}


@bp.route("/new", methods=["GET", "POST"], endpoint="create")
@login_required
@permission_required("invoicing.write")
def create():
    principal = current_principal()
    values: dict[str, Any] = {"doc_type": request.args.get("doc_type", "invoice"),
                              "party_id": request.args.get("party_id"), "currency": "RON",
                              "payment_terms_days": 30, "language": company_language()}
    if request.method == "POST":
        values = _form_data(FIELDS)
        try:
            doc = services.create_invoice(principal, values)
        except ValidationError as exc:
            return _form(values, exc.fields, exc.message), 422
        flash(_("Draft saved. Add its lines, then issue it."), "success")
        return redirect(url_for("invoicing.detail", id=doc.id), code=303)
    return _form(values, {}, None)


@bp.route("/<int:id>/change", methods=["GET", "POST"], endpoint="change")
@login_required
@permission_required("invoicing.write")
def change(id: int):
    principal = current_principal()
    doc = load_document(principal, id, "write")
    values: dict[str, Any] = {name: getattr(doc, name) for name in CHANGE_FIELDS}
    if request.method == "POST":
        values = _form_data(CHANGE_FIELDS)
        try:
            services.update_invoice(principal, id, values,
                                    expected_version=request.form.get("version", type=int))
        except ValidationError as exc:
            return _form(values, exc.fields, exc.message, doc=doc), 422
        return redirect(url_for("invoicing.detail", id=id), code=303)
    return _form(values, {}, None, doc=doc)


@bp.post("/<int:id>/remove", endpoint="remove")
@login_required
@permission_required("invoicing.write")
def remove(id: int):
    services.delete_invoice(current_principal(), id,
                            expected_version=request.form.get("version", type=int))
    flash(_("The draft was deleted."), "success")
    return redirect(url_for("invoicing.invoice_list"), code=303)


@bp.route("/seller", methods=["GET", "POST"], endpoint="seller")
@login_required
def seller():
    """The seller's requisites moved to the kernel's company profile (one source)."""
    return redirect(url_for("documents.company"), code=308)


def _form_data(names: tuple[str, ...]) -> dict[str, Any]:
    """The submitted fields; blank ones are left out (the schema's defaults apply)."""
    return {name: value for name in names
            if (value := request.form.get(name, "").strip())}

def _form(values: dict[str, Any], errors: dict, message: str | None, *,
          doc: Any = None) -> str:
    return render_template(
        "invoicing/form.html", values=values, errors=errors, message=message, doc=doc,
        languages=list(LANGUAGE_NAMES.items()),
        kinds=[(k, str(DOC_TYPE_LABELS[k])) for k in ("invoice", "proforma")],
        title=_("Edit draft") if doc else _("New invoice"))
