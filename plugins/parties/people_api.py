"""REST endpoints of what a client holds: contact persons (also as vCards), addresses and
bank accounts, under ``/api/v1/parties.client/<id>/...``. The same services as the client
page, so the client's record rule decides (a client hidden from the caller hides all of
these: 404) and a row of another client is "not found" here."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request
from marshmallow import Schema, fields

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, json_body
from core.api.openapi import operation
from plugins.parties import services
from plugins.parties.contact_cards import client_cards
from plugins.parties.imports.vcards import import_vcards
from plugins.parties.schemas import (
    AddressSchema,
    BankAccountSchema,
    ClientContactSchema,
    ContactLinkChangeSchema,
    ContactSchema,
)

bp = api_blueprint("parties_people_api", __name__)

CLIENT = f"/parties.client/<{RECORD_ID}:record_id>"
TAGS = ["parties.client"]


class ClientContactLinkSchema(Schema):
    """A contact person of a client: the person, their role and whether they come first."""

    client_id = fields.Integer()
    contact_id = fields.Integer()
    role = fields.String(allow_none=True)
    is_primary = fields.Boolean()
    contact = fields.Nested(ContactSchema)


def _link(link: Any, status: int = 200) -> Response:
    response = jsonify(ClientContactLinkSchema().dump(link))
    response.status_code = status
    return response


# --- contact persons ----------------------------------------------------------------------


@bp.get(f"{CLIENT}/contacts")
@operation("GET", summary="The client's contact persons", tags=TAGS,
           responses={200: ClientContactLinkSchema(many=True)})
def list_contacts(record_id: int):
    client = services.load_client(api_principal(), record_id)
    return jsonify(ClientContactLinkSchema(many=True).dump(client.contact_links))


@bp.post(f"{CLIENT}/contacts")
@operation("POST", summary="Link an existing contact or a new one to a client", tags=TAGS,
           request=ClientContactSchema, responses={201: ClientContactLinkSchema}, errors=(422,))
def add_contact(record_id: int):
    return _link(services.add_contact(api_principal(), record_id, json_body()), 201)


@bp.patch(f"{CLIENT}/contacts/<{RECORD_ID}:contact_id>")
@operation("PATCH", summary="Change a contact person's role, rank or details", tags=TAGS,
           request=ContactLinkChangeSchema, responses={200: ClientContactLinkSchema},
           errors=(422,))
def change_contact(record_id: int, contact_id: int):
    principal = api_principal()
    return _link(services.change_client_contact(principal, record_id, contact_id, json_body()))


@bp.delete(f"{CLIENT}/contacts/<{RECORD_ID}:contact_id>")
@operation("DELETE", summary="The person no longer speaks for the client (kept for others)",
           tags=TAGS, responses={204: None})
def unlink_contact(record_id: int, contact_id: int):
    services.unlink_contact(api_principal(), record_id, contact_id)
    return "", 204


# --- vCards -------------------------------------------------------------------------------

VCARD = {"text/vcard": {"type": "string", "description": "vCard 4.0, one card a person."}}


class VCardImportSchema(Schema):
    """What a vCard import did: the people added, and why the others were skipped."""

    added = fields.Integer(required=True)
    problems = fields.List(fields.String(), required=True)


@bp.get(f"{CLIENT}/contacts/vcard")
@operation("GET", summary="The client's contact persons as a vCard file", tags=TAGS,
           responses={200: VCARD})
def export_vcards(record_id: int):
    return _vcard(client_cards(api_principal(), record_id))


@bp.get(f"{CLIENT}/contacts/<{RECORD_ID}:contact_id>/vcard")
@operation("GET", summary="One contact person of the client as a vCard", tags=TAGS,
           responses={200: VCARD})
def export_vcard(record_id: int, contact_id: int):
    return _vcard(client_cards(api_principal(), record_id, contact_id))


@bp.post(f"{CLIENT}/contacts/vcard")
@operation("POST", summary="Add the people of a vCard file (the request body, vCard 3.0 or "
           "4.0) as contact persons; a bad card is skipped and named", tags=TAGS,
           request={"type": "string", "format": "binary"},
           request_types=("text/vcard", "application/octet-stream"),
           responses={200: VCardImportSchema}, errors=(422,))
def import_vcard_file(record_id: int):
    added, problems = import_vcards(api_principal(), record_id, request.stream)
    return jsonify(VCardImportSchema().dump({"added": added, "problems": problems}))


def _vcard(text: str) -> Response:
    return Response(text, mimetype="text/vcard; charset=utf-8")


# --- addresses ----------------------------------------------------------------------------


@bp.get(f"{CLIENT}/addresses")
@operation("GET", summary="The client's addresses", tags=TAGS,
           responses={200: AddressSchema(many=True)})
def list_addresses(record_id: int):
    client = services.load_client(api_principal(), record_id)
    return jsonify(AddressSchema(many=True).dump(client.addresses))


@bp.post(f"{CLIENT}/addresses")
@operation("POST", summary="Add an address to a client", tags=TAGS, request=AddressSchema,
           responses={201: AddressSchema}, errors=(422,))
def add_address(record_id: int):
    address = services.add_address(api_principal(), record_id, json_body())
    return jsonify(AddressSchema().dump(address)), 201


@bp.route(f"{CLIENT}/addresses/<{RECORD_ID}:address_id>", methods=["PUT", "PATCH"])
@operation("PUT", summary="Replace an address", tags=TAGS, request=AddressSchema,
           responses={200: AddressSchema}, errors=(422,))
@operation("PATCH", summary="Change some fields of an address", tags=TAGS,
           request=AddressSchema, responses={200: AddressSchema}, errors=(422,))
def update_address(record_id: int, address_id: int):
    principal = api_principal()
    data = json_body()
    if request.method == "PATCH":  # what is not sent stays as it is
        client = services.load_client(principal, record_id)
        current = next((a for a in client.addresses if a.id == address_id), None)
        if current is not None:
            data = {**_unchanged(AddressSchema, current), **data}
    address = services.update_address(principal, address_id, data, client_id=record_id)
    return jsonify(AddressSchema().dump(address))


@bp.post(f"{CLIENT}/addresses/<{RECORD_ID}:address_id>/default")
@operation("POST", summary="Make an address the default of its use", tags=TAGS,
           responses={200: AddressSchema})
def default_address(record_id: int, address_id: int):
    address = services.set_default_address(api_principal(), address_id, client_id=record_id)
    return jsonify(AddressSchema().dump(address))


@bp.delete(f"{CLIENT}/addresses/<{RECORD_ID}:address_id>")
@operation("DELETE", summary="Remove an address (the next of its use becomes default)",
           tags=TAGS, responses={204: None})
def remove_address(record_id: int, address_id: int):
    services.remove_address(api_principal(), address_id, client_id=record_id)
    return "", 204


# --- bank accounts ------------------------------------------------------------------------


@bp.get(f"{CLIENT}/bank-accounts")
@operation("GET", summary="The client's bank accounts", tags=TAGS,
           responses={200: BankAccountSchema(many=True)})
def list_accounts(record_id: int):
    client = services.load_client(api_principal(), record_id)
    return jsonify(BankAccountSchema(many=True).dump(client.bank_accounts))


@bp.post(f"{CLIENT}/bank-accounts")
@operation("POST", summary="Add a bank account to a client (IBAN checked)", tags=TAGS,
           request=BankAccountSchema, responses={201: BankAccountSchema}, errors=(422,))
def add_account(record_id: int):
    account = services.add_bank_account(api_principal(), record_id, json_body())
    return jsonify(BankAccountSchema().dump(account)), 201


@bp.route(f"{CLIENT}/bank-accounts/<{RECORD_ID}:account_id>", methods=["PUT", "PATCH"])
@operation("PUT", summary="Replace a bank account", tags=TAGS, request=BankAccountSchema,
           responses={200: BankAccountSchema}, errors=(422,))
@operation("PATCH", summary="Change some fields of a bank account", tags=TAGS,
           request=BankAccountSchema, responses={200: BankAccountSchema}, errors=(422,))
def update_account(record_id: int, account_id: int):
    principal = api_principal()
    data = json_body()
    if request.method == "PATCH":
        client = services.load_client(principal, record_id)
        current = next((a for a in client.bank_accounts if a.id == account_id), None)
        if current is not None:
            data = {**_unchanged(BankAccountSchema, current), **data}
    account = services.update_bank_account(principal, account_id, data, client_id=record_id)
    return jsonify(BankAccountSchema().dump(account))


@bp.delete(f"{CLIENT}/bank-accounts/<{RECORD_ID}:account_id>")
@operation("DELETE", summary="Remove a bank account (the oldest other becomes default)",
           tags=TAGS, responses={204: None})
def remove_account(record_id: int, account_id: int):
    services.remove_bank_account(api_principal(), account_id, client_id=record_id)
    return "", 204


def _unchanged(schema: type[Schema], row: Any) -> dict[str, Any]:
    """``row``'s current input fields, to complete a PATCH before the service validates it;
    a null the schema does not accept is left out, so it counts as not sent."""
    dumped = schema().dump(row)
    inputs = {name for name, field in schema().fields.items() if not field.dump_only}
    return {key: value for key, value in dumped.items()
            if key in inputs and (value is not None or schema().fields[key].allow_none)}
