"""Pages for what belongs to a client: contact persons, addresses, bank accounts, vCards.

Each form posts to one service call; a validation error shows the form again with each
field's message (422). Everything goes back to the client page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from core.errors import ValidationError
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from plugins.parties import services
from plugins.parties.contact_cards import client_cards
from plugins.parties.models import ADDRESS_USES, CONTACT_CHANNELS, RESPONSIBILITIES

bp = Blueprint("parties_records", __name__, url_prefix="/clients", template_folder="templates")

USE_LABELS = {"registered": _l("Registered office"), "delivery": _l("Delivery"),
              "correspondence": _l("Correspondence")}
CHANNEL_LABELS = {"email": _l("E-mail"), "phone": _l("Phone"), "mobile": _l("Mobile")}
RESPONSIBILITY_LABELS = {"management": _l("Management"), "finance": _l("Finance"),
                         "purchasing": _l("Purchasing"), "sales": _l("Sales"),
                         "technical": _l("Technical"), "logistics": _l("Logistics"),
                         "legal": _l("Legal")}

ADDRESS_FIELDS = [
    {"name": "use", "label": _l("Use"), "type": "select", "required": True, "col": "col-md-4",
     "choices": [(u, USE_LABELS[u]) for u in ADDRESS_USES]},
    {"name": "label", "label": _l("Label"), "col": "col-md-8"},
    {"name": "street", "label": _l("Street and number"), "required": True},
    {"name": "city", "label": _l("City"), "required": True, "col": "col-md-4"},
    {"name": "region", "label": _l("Region"), "col": "col-md-4"},
    {"name": "postal_code", "label": _l("Postal code"), "col": "col-md-2"},
    {"name": "country", "label": _l("Country (ISO code)"), "required": True, "col": "col-md-2"},
    {"name": "is_default", "label": _l("Default for this use"), "type": "checkbox"},
]
ACCOUNT_FIELDS = [
    {"name": "iban", "label": _l("IBAN"), "required": True, "col": "col-md-6"},
    {"name": "currency", "label": _l("Currency"), "required": True, "col": "col-md-2"},
    {"name": "bic", "label": _l("BIC"), "col": "col-md-4"},
    {"name": "bank_name", "label": _l("Bank")},
    {"name": "is_default", "label": _l("Default account"), "type": "checkbox"},
]
CONTACT_FIELDS = [
    {"name": "name", "label": _l("Name"), "required": True, "col": "col-md-6"},
    {"name": "job_title", "label": _l("Job title"), "col": "col-md-6"},
    {"name": "role", "label": _l("Role for this client"), "col": "col-md-6"},
    {"name": "preferred_channel", "label": _l("Preferred way of contact"), "type": "select",
     "required": True, "col": "col-md-6",
     "choices": [(c, CHANNEL_LABELS[c]) for c in CONTACT_CHANNELS]},
    {"name": "emails", "label": _l("E-mails (one per line)"), "type": "textarea",
     "col": "col-md-4", "rows": 2},
    {"name": "phones", "label": _l("Phones (one per line)"), "type": "textarea",
     "col": "col-md-4", "rows": 2},
    {"name": "mobiles", "label": _l("Mobiles (one per line)"), "type": "textarea",
     "col": "col-md-4", "rows": 2},
    {"name": "responsibilities", "label": _l("Responsible for"), "type": "multi",
     "choices": [(r, RESPONSIBILITY_LABELS[r]) for r in RESPONSIBILITIES]},
    {"name": "available_hours", "label": _l("Available"), "col": "col-md-6"},
    {"name": "is_primary", "label": _l("First contact for this client"), "type": "checkbox",
     "col": "col-md-6"},
    {"name": "notes", "label": _l("Notes"), "type": "textarea"},
]
METHOD_FIELDS = {"emails": "email", "phones": "phone", "mobiles": "mobile"}


# --- contact persons ----------------------------------------------------------------------


@bp.route("/<int:id>/contacts/new", methods=["GET", "POST"])
@login_required
@permission_required("parties.write")
def contact_new(id: int):
    client = services.get_client(current_principal(), id)
    values: dict[str, Any] = {"preferred_channel": "email", "responsibilities": []}

    def save(form: MultiDict) -> None:
        person, link = _contact_data(form)
        services.add_contact(current_principal(), id, {"contact": person, **link})

    return _form_page(client, _("Add a contact person"), CONTACT_FIELDS, values, save,
                      values_of=_contact_values)


@bp.route("/<int:id>/contacts/<int:contact_id>/edit", methods=["GET", "POST"])
@login_required
@permission_required("parties.write")
def contact_edit(id: int, contact_id: int):
    principal = current_principal()
    client = services.get_client(principal, id)
    link = next((lk for lk in client.contact_links if lk.contact_id == contact_id), None)
    person = services.load_contact(principal, contact_id, "write") if link else None
    if link is None or person is None:
        from plugins.parties.exceptions import ContactNotFound

        raise ContactNotFound(contact_id)
    values = {"name": person.name, "job_title": person.job_title, "role": link.role,
              "preferred_channel": person.preferred_channel,
              "responsibilities": person.responsibilities,
              "available_hours": person.available_hours, "notes": person.notes,
              "is_primary": link.is_primary}
    for name, channel in METHOD_FIELDS.items():
        values[name] = "\n".join(m.value for m in person.methods if m.channel == channel)

    def save(form: MultiDict) -> None:
        data, link_data = _contact_data(form)
        services.update_contact(principal, contact_id, data)
        services.set_contact_role(principal, id, contact_id, role=link_data["role"],
                                  is_primary=link_data["is_primary"])

    return _form_page(client, _("Edit %(name)s", name=person.name), CONTACT_FIELDS, values,
                      save, values_of=_contact_values)


@bp.post("/<int:id>/contacts/<int:contact_id>/unlink")
@login_required
@permission_required("parties.write")
def contact_unlink(id: int, contact_id: int):
    services.unlink_contact(current_principal(), id, contact_id)
    flash(_("The contact person no longer speaks for this client."), "success")
    return _back(id)


def _contact_data(form: MultiDict) -> tuple[dict[str, Any], dict[str, Any]]:
    """The person's fields and the link's (role, primary) from the contact form."""
    preferred = form.get("preferred_channel") or "email"
    methods = []
    for name, channel in METHOD_FIELDS.items():
        lines = [v.strip() for v in form.get(name, "").splitlines() if v.strip()]
        for i, value in enumerate(lines):
            methods.append({"channel": channel, "value": value,
                            "preferred": channel == preferred and i == 0})
    person = {"name": form.get("name", "").strip(),
              "job_title": form.get("job_title", "").strip() or None,
              "preferred_channel": preferred,
              "responsibilities": form.getlist("responsibilities"),
              "available_hours": form.get("available_hours", "").strip() or None,
              "notes": form.get("notes", "").strip() or None, "methods": methods}
    link = {"role": form.get("role", "").strip() or None,
            "is_primary": _checked(form, "is_primary")}
    return person, link


def _contact_values(form: MultiDict) -> dict[str, Any]:
    values = _plain_values(form)
    values["responsibilities"] = form.getlist("responsibilities")
    return values


# --- vCards -------------------------------------------------------------------------------


@bp.get("/<int:id>/contacts.vcf")
@login_required
@permission_required("parties.read")
def contacts_vcard(id: int):
    return _vcf(client_cards(current_principal(), id), f"contacts-{id}")


@bp.get("/<int:id>/contacts/<int:contact_id>.vcf")
@login_required
@permission_required("parties.read")
def contact_vcard(id: int, contact_id: int):
    return _vcf(client_cards(current_principal(), id, contact_id), f"contact-{contact_id}")


@bp.post("/<int:id>/contacts/import-vcard")
@login_required
@permission_required("parties.write")
def contacts_vcard_import(id: int):
    from plugins.parties.imports.vcards import import_vcards

    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("Choose a vCard file first."), "warning")
        return _back(id)
    added, problems = import_vcards(current_principal(), id, upload.stream)
    flash(_("%(count)s contact persons added from the vCard file.", count=added), "success")
    for problem in problems[:10]:
        flash(problem, "warning")
    return _back(id)


def _vcf(text: str, name: str) -> Response:
    return Response(text, mimetype="text/vcard; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{name}.vcf"'})


# --- addresses ----------------------------------------------------------------------------


@bp.route("/<int:id>/addresses/new", methods=["GET", "POST"])
@login_required
@permission_required("parties.write")
def address_new(id: int):
    client = services.get_client(current_principal(), id)
    values = {"use": "registered", "country": client.country}
    return _form_page(client, _("Add an address"), ADDRESS_FIELDS, values,
                      lambda form: services.add_address(current_principal(), id,
                                                        _checkbox_data(form, ADDRESS_FIELDS)))


@bp.route("/<int:id>/addresses/<int:address_id>/edit", methods=["GET", "POST"])
@login_required
@permission_required("parties.write")
def address_edit(id: int, address_id: int):
    client = services.get_client(current_principal(), id)
    address = _owned(client.addresses, address_id, "address")
    values = {f["name"]: getattr(address, f["name"]) for f in ADDRESS_FIELDS}
    return _form_page(client, _("Edit address"), ADDRESS_FIELDS, values,
                      lambda form: services.update_address(
                          current_principal(), address_id, _checkbox_data(form, ADDRESS_FIELDS)))


@bp.post("/<int:id>/addresses/<int:address_id>/default")
@login_required
@permission_required("parties.write")
def address_default(id: int, address_id: int):
    client = services.get_client(current_principal(), id)
    _owned(client.addresses, address_id, "address")
    services.set_default_address(current_principal(), address_id)
    return _back(id)


@bp.post("/<int:id>/addresses/<int:address_id>/delete")
@login_required
@permission_required("parties.write")
def address_delete(id: int, address_id: int):
    client = services.get_client(current_principal(), id)
    _owned(client.addresses, address_id, "address")
    services.remove_address(current_principal(), address_id)
    flash(_("The address was removed."), "success")
    return _back(id)


# --- bank accounts ------------------------------------------------------------------------


@bp.route("/<int:id>/bank-accounts/new", methods=["GET", "POST"])
@login_required
@permission_required("parties.write")
def account_new(id: int):
    client = services.get_client(current_principal(), id)
    return _form_page(client, _("Add a bank account"), ACCOUNT_FIELDS, {},
                      lambda form: services.add_bank_account(
                          current_principal(), id, _checkbox_data(form, ACCOUNT_FIELDS)))


@bp.route("/<int:id>/bank-accounts/<int:account_id>/edit", methods=["GET", "POST"])
@login_required
@permission_required("parties.write")
def account_edit(id: int, account_id: int):
    client = services.get_client(current_principal(), id)
    account = _owned(client.bank_accounts, account_id, "account")
    values = {f["name"]: getattr(account, f["name"]) for f in ACCOUNT_FIELDS}
    return _form_page(client, _("Edit bank account"), ACCOUNT_FIELDS, values,
                      lambda form: services.update_bank_account(
                          current_principal(), account_id, _checkbox_data(form, ACCOUNT_FIELDS)))


@bp.post("/<int:id>/bank-accounts/<int:account_id>/delete")
@login_required
@permission_required("parties.write")
def account_delete(id: int, account_id: int):
    client = services.get_client(current_principal(), id)
    _owned(client.bank_accounts, account_id, "account")
    services.remove_bank_account(current_principal(), account_id)
    flash(_("The bank account was removed."), "success")
    return _back(id)


# --- shared -------------------------------------------------------------------------------


def _form_page(client: Any, title: str, fields: list[dict[str, Any]], values: dict[str, Any],
               save: Callable[[MultiDict], Any],
               values_of: Callable[[MultiDict], dict[str, Any]] | None = None):
    """GET: the form; POST: ``save(form)``, then back to the client page or the errors."""
    errors: dict[str, list[str]] = {}
    message = None
    if request.method == "POST":
        try:
            save(request.form)
        except ValidationError as exc:
            errors, message = exc.fields or {}, exc.message
            values = (values_of or _plain_values)(request.form)
        else:
            return _back(client.id)
    body = render_template("parties/record_form.html", client=client, title=title,
                           fields=fields, values=values, errors=_flat_errors(errors),
                           message=message)
    return body, 422 if message else 200


def _flat_errors(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """Errors of nested inputs (``contact.methods.0.value``) shown on the form's fields."""
    out: dict[str, list[str]] = {}
    for key, messages in errors.items():
        name = key.removeprefix("contact.").split(".")[0]
        if name == "methods":
            name = "emails"
        out.setdefault(name, []).extend(messages)
    return out


def _plain_values(form: MultiDict) -> dict[str, Any]:
    return {k: form.getlist(k)[-1] for k in form if k != "csrf_token"}


def _checked(form: MultiDict, name: str) -> bool:
    return "true" in form.getlist(name)


def _checkbox_data(form: MultiDict, fields: list[dict[str, Any]]) -> dict[str, Any]:
    """The form's values for ``fields``; blanks become ``None``, checkboxes booleans."""
    data: dict[str, Any] = {}
    for f in fields:
        if f.get("type") == "checkbox":
            data[f["name"]] = _checked(form, f["name"])
        else:
            data[f["name"]] = form.get(f["name"], "").strip() or None
    return data


def _owned(rows: list[Any], row_id: int, what: str) -> Any:
    """The row ``row_id`` among the client's ``rows``, else a 404."""
    from plugins.parties.exceptions import AddressNotFound, BankAccountNotFound

    row = next((r for r in rows if r.id == row_id), None)
    if row is None:
        raise AddressNotFound(row_id) if what == "address" else BankAccountNotFound(row_id)
    return row


def _back(client_id: int):
    return redirect(url_for("parties.client_detail", id=client_id))
