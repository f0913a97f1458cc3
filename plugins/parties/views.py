"""Staff pages for clients: list, detail (the client page), new and edit forms.

Handlers are thin: load, call one service, render. A form that fails validation is shown
again with each field's message (422); a possible duplicate is shown with the existing
clients and a box to create anyway.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from core.listing import count_records, list_records
from core.web.badges import list_badges
from core.web.pickers import back_to_picker
from plugins.parties import services
from plugins.parties.exceptions import PossibleDuplicate

bp = Blueprint("parties", __name__, url_prefix="/clients", template_folder="templates")

FORM_FIELDS = ("kind", "status", "name", "country", "tax_id", "vat_number",
               "trade_register_no", "personal_id", "email", "phone", "website",
               "relationship_type", "loyalty", "size", "notes")
LIST_FILTERS = ("kind", "status", "country", "relationship_type")


@bp.get("/")
@login_required
@permission_required("parties.read")
def clients() -> str:
    filters = {k: v for k in LIST_FILTERS if (v := request.args.get(k))}
    page = list_records(current_principal(), "parties.client", filters=filters,
                        search=request.args.get("q"), sort=request.args.get("sort"),
                        cursor=request.args.get("cursor"), limit=50)
    total = count_records(current_principal(), "parties.client", filters=filters,
                          search=request.args.get("q"))
    return render_template("parties/client_list.html", page=page, filters=filters, total=total,
                           q=request.args.get("q", ""),
                           badges=list_badges("parties.client", [c.id for c in page.items]))


@bp.get("/<int:id>")
@login_required
def client_detail(id: int) -> str:
    """The client page: requisites, then every plugin's sections as this user arranged them."""
    principal = current_principal()
    client = services.get_client(principal, id, with_categories=True)
    sections = services.arranged(principal, profile_sections(client.id))
    return render_template("parties/client_detail.html", client=client, sections=sections,
                           customise=request.args.get("customise") == "1")


@bp.post("/<int:id>/sections")
@login_required
@permission_required("parties.read")
def arrange_sections(id: int):
    """Move, hide or collapse one section of the client page, for this user."""
    principal = current_principal()
    services.get_client(principal, id)
    services.arrange_section(principal, profile_sections(id), request.form.get("key", ""),
                             request.form.get("action", ""))
    return redirect(url_for("parties.client_detail", id=id, customise=1))


@bp.post("/<int:id>/check-vat")
@login_required
@permission_required("parties.write")
def check_vat(id: int):
    """Check the VAT number online again; the result shows once the job has run."""
    services.request_vat_check(current_principal(), id)
    flash(_("The VAT number will be checked with VIES."), "info")
    return redirect(url_for("parties.client_detail", id=id))


def profile_sections(client_id: int) -> list[dict[str, Any]]:
    """Every enabled plugin's sections for the client page."""

    return services.client_sections(client_id)


@bp.route("/new", methods=["GET", "POST"])
@login_required
@permission_required("parties.write")
def client_new():
    values: dict[str, Any] = {"kind": "legal_entity", "status": "prospect",
                              "relationship_type": "customer"}
    if request.method == "POST":
        values = form_data(request.form)
        try:
            client = services.create_client(current_principal(), values,
                                            allow_duplicate=bool(request.form.get("confirm")))
        except PossibleDuplicate as dup:
            return _form(values, {}, dup.message, duplicates=dup.candidates), 409
        except ValidationError as exc:
            return _form(values, exc.fields, exc.message), 422
        return back_to_picker(client.id) or redirect(url_for("parties.client_detail",
                                                             id=client.id))
    return _form(values, {}, None)


@bp.route("/<int:id>/edit", methods=["GET", "POST"])
@login_required
@permission_required("parties.write")
def client_edit(id: int):
    client = services.get_client(current_principal(), id)
    values = {name: getattr(client, name) for name in FORM_FIELDS}
    if request.method == "POST":
        values = form_data(request.form)
        version = request.form.get("version", type=int)
        try:
            services.update_client(current_principal(), id, values, expected_version=version)
        except ValidationError as exc:
            return _form(values, exc.fields, exc.message, client=client), 422
        return redirect(url_for("parties.client_detail", id=id))
    return _form(values, {}, None, client=client)


def form_data(form: MultiDict) -> dict[str, Any]:
    """The submitted client fields; blank optional fields become ``None``."""
    data: dict[str, Any] = {}
    for name in FORM_FIELDS:
        value = form.get(name, "").strip()
        data[name] = value or None
    return data


def _form(values: dict[str, Any], errors: dict[str, list[str]], message: str | None, *,
          client: Any = None, duplicates: list | None = None) -> str:
    return render_template("parties/client_form.html", values=values, errors=errors,
                           message=message, client=client, duplicates=duplicates or [],
                           title=_("Edit client") if client else _("New client"))
