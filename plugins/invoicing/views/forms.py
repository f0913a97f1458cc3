"""Drafts by hand: the header form (new, change), deleting a draft, and the seller page.

Each form posts to one service call; a validation error shows the form again with each
field's message (422). The client is chosen with the kernel's record picker.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from core.db import session
from core.documents.company import company_profile
from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from plugins.invoicing import services
from plugins.invoicing.models import SellerProfile
from plugins.invoicing.services.common import load_document
from plugins.invoicing.views import bp
from plugins.invoicing.workflow import DOC_TYPE_LABELS

FIELDS = ("doc_type", "party_id", "currency", "payment_terms_days", "language", "series",
          "reference", "notes")
CHANGE_FIELDS = ("currency", "payment_terms_days", "language", "series", "reference", "notes")
SELLER_FIELDS = ("name", "vat_number", "tax_id", "trade_register_no", "street", "city",
                 "region", "postal_code", "country", "currency", "iban", "bank_name", "email",
                 "phone")
LANGUAGE_NAMES = {"ro": "Română", "bg": "Български", "ru": "Русский", "en": "English"}


@bp.route("/new", methods=["GET", "POST"], endpoint="create")
@login_required
@permission_required("invoicing.write")
def create():
    principal = current_principal()
    values: dict[str, Any] = {"doc_type": request.args.get("doc_type", "invoice"),
                              "party_id": request.args.get("party_id"), "currency": "RON",
                              "payment_terms_days": 30, "language": "ro"}
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
@permission_required("invoicing.configure")
def seller():
    """The seller's requisites printed on invoices and sent in e-invoices."""
    principal = current_principal()
    profile = session().get(SellerProfile, 1) or SellerProfile(
        name=company_profile().name or "", vat_payer=True, country="RO", currency="RON")
    values: dict[str, Any] = {name: getattr(profile, name) for name in SELLER_FIELDS}
    values["vat_payer"] = profile.vat_payer
    if request.method == "POST":
        values = _form_data(SELLER_FIELDS)
        values["vat_payer"] = request.form.get("vat_payer") == "true"
        try:
            services.save_seller(principal, values)
        except ValidationError as exc:
            return render_template("invoicing/seller.html", values=values, errors=exc.fields,
                                   message=exc.message), 422
        flash(_("The seller's requisites are saved."), "success")
        return redirect(url_for("invoicing.seller"), code=303)
    return render_template("invoicing/seller.html", values=values, errors={}, message=None)


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
