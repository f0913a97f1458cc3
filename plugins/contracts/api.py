"""REST endpoints for contracts (``/api/v1/contracts.contract``) and acceptance protocols
(``/api/v1/contracts.protocol``).

Reading and listing are the kernel's generic resources; writing goes through this plugin's
services: create, change, delete drafts, one endpoint per transition, counter-signing, the
expiring list, the client's signature by link token, verification of a signed PDF, the
requisites questionnaire (sent, applied or rejected) and the reminder settings.

Drafts, contracts and protocols alike, can be deleted; once sent they are evidence and stay.
"""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from core.api.blueprint import (
    RECORD_ID,
    api_blueprint,
    api_principal,
    is_whole_number,
    json_body,
)
from core.api.etag import expected_version, with_etag
from core.api.openapi import operation
from core.api.resources import register_resource
from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import limiter
from core.permissions import require
from plugins.contracts import services
from plugins.contracts.schemas import (
    ContractChangeSchema,
    ContractSchema,
    ExpiringSchema,
    ProtocolChangeSchema,
    ProtocolSchema,
    RequisitesRequestSchema,
    SendSchema,
    SettingsSchema,
    SignSchema,
    VerificationSchema,
)
from plugins.contracts.services.common import load_protocol
from plugins.contracts.services.reminders import settings
from plugins.contracts.services.transitions import TRANSITION_SERVICES
from plugins.contracts.signing.pades import verify_pdf
from plugins.contracts.views.register import DEFAULT_DAYS, MAX_DAYS, MAX_PDF_BYTES

bp = api_blueprint("contracts_api", __name__)
register_resource(bp, kind="contracts.contract", schema=ContractSchema, actions=("list", "get"),
                  filters=["status", "party_id", "owner_id", "currency", "number"])
register_resource(bp, kind="contracts.protocol", schema=ProtocolSchema,
                  actions=("list", "get"), filters=["status", "party_id", "source_kind",
                                                    "source_id"])

BASE = "/contracts.contract"
ITEM = f"{BASE}/<{RECORD_ID}:record_id>"
PBASE = "/contracts.protocol"
PITEM = f"{PBASE}/<{RECORD_ID}:record_id>"
TAGS = ["contracts.contract"]
PTAGS = ["contracts.protocol"]


def _contract(contract: Any, status: int = 200):
    response = with_etag(jsonify(ContractSchema().dump(contract)), contract)
    response.status_code = status
    return response


def _protocol(protocol: Any, status: int = 200):
    response = with_etag(jsonify(ProtocolSchema().dump(protocol)), protocol)
    response.status_code = status
    return response


def _body() -> dict[str, Any]:
    return json_body() if request.content_length else {}


@bp.post(BASE)
@operation("POST", summary="Create a draft contract with its lines", tags=TAGS,
           request=ContractSchema, responses={201: ContractSchema}, errors=(422,))
def create_contract():
    return _contract(services.create_contract(api_principal(), json_body()), 201)


@bp.patch(ITEM)
@operation("PATCH", summary="Change a contract (terms and dates only on drafts)", tags=TAGS,
           request=ContractChangeSchema, responses={200: ContractSchema},
           errors=(409, 412, 422))
def update_contract(record_id: int):
    return _contract(services.update_contract(api_principal(), record_id, json_body(),
                                              expected_version=expected_version()))


@bp.delete(ITEM)
@operation("DELETE", summary="Delete a draft contract", tags=TAGS, responses={204: None},
           errors=(409, 412))
def delete_contract(record_id: int):
    services.delete_contract(api_principal(), record_id,
                             expected_version=expected_version())
    return "", 204


def _transition_view(name: str):
    def view(record_id: int):
        contract = services.run_transition(api_principal(), record_id, name, _body(),
                                           expected_version=expected_version())
        return _contract(contract)

    view.__name__ = f"move_{name}"
    return view


for _name in TRANSITION_SERVICES:
    bp.add_url_rule(f"{ITEM}/{_name}", f"move_{_name}", operation(
        "POST", summary=f"Workflow: {_name}", tags=TAGS,
        request=SendSchema if _name == "send" else None,
        responses={200: ContractSchema}, errors=(409, 412, 422))(_transition_view(_name)),
        methods=["POST"])


@bp.post(f"{ITEM}/countersign")
@operation("POST", summary="Counter-sign a signed contract for the company", tags=TAGS,
           responses={201: "Signature recorded; the sealed PDF follows"}, errors=(409, 422))
def countersign_contract(record_id: int):
    signature = services.countersign_contract(api_principal(), record_id, _body())
    return jsonify({"signature_id": signature.id, "signer_name": signature.signer_name}), 201


@bp.get("/contracts/expiring")
@operation("GET", summary="Signed and active contracts expiring within `days` (default 30)",
           tags=TAGS, parameters=[{"name": "days", "in": "query", "required": False,
                                   "schema": {"type": "integer", "minimum": 0,
                                              "maximum": MAX_DAYS, "default": DEFAULT_DAYS}}],
           responses={200: ExpiringSchema})
def expiring():
    principal = api_principal()  # 401 before any word about the parameters
    raw = request.args.get("days", str(DEFAULT_DAYS)).strip()
    if not is_whole_number(raw) or int(raw) > MAX_DAYS:
        raise ValidationError(_("Please correct the marked fields."), fields={
            "days": [_("Give a number of days from 0 to %(n)s.", n=MAX_DAYS)]})
    return jsonify(ExpiringSchema().dump({"items": services.expiring(principal, int(raw))}))


@bp.post(PBASE)
@operation("POST", summary="Prepare an acceptance protocol for a contract or an order",
           tags=PTAGS, request=ProtocolSchema, responses={201: ProtocolSchema}, errors=(422,))
def create_protocol():
    return _protocol(services.create_protocol(api_principal(), json_body()), 201)


@bp.patch(PITEM)
@operation("PATCH", summary="Change a draft protocol", tags=PTAGS,
           request=ProtocolChangeSchema, responses={200: ProtocolSchema},
           errors=(409, 412, 422))
def update_protocol(record_id: int):
    return _protocol(services.update_protocol(api_principal(), record_id, json_body(),
                                              expected_version=expected_version()))


@bp.delete(PITEM)
@operation("DELETE", summary="Delete a draft protocol", tags=PTAGS, responses={204: None},
           errors=(409, 412))
def delete_protocol(record_id: int):
    services.delete_protocol(api_principal(), record_id,
                             expected_version=expected_version())
    return "", 204


@bp.post(f"{PITEM}/send")
@operation("POST", summary="Send the protocol for signature", tags=PTAGS, request=SendSchema,
           responses={200: ProtocolSchema}, errors=(409, 412, 422))
def send_protocol(record_id: int):
    return _protocol(services.send_protocol(api_principal(), record_id, _body(),
                                            expected_version=expected_version()))


@bp.post(f"{PITEM}/countersign")
@operation("POST", summary="Counter-sign a signed protocol for the company", tags=PTAGS,
           responses={201: "Signature recorded"}, errors=(409, 422))
def countersign_protocol(record_id: int):
    principal = api_principal()
    load_protocol(principal, record_id)
    signature = services.countersign_protocol(principal, record_id, _body())
    return jsonify({"signature_id": signature.id, "signer_name": signature.signer_name}), 201


@bp.post("/contracts/sign/<token>")
@limiter.limit("30 per minute")
@operation("POST", summary="The client signs (token of the e-mailed link)", tags=TAGS,
           request=SignSchema, responses={200: "Signed"}, errors=(409, 410, 422))
def client_sign(token: str):
    record = services.sign_by_client(token, json_body(), ip_address=request.remote_addr,
                                     user_agent=request.headers.get("User-Agent"))
    return jsonify({"id": record.id, "number": record.number, "status": record.status})


@bp.post("/contracts/verify")
@operation("POST", summary="Verify a signed PDF sent as the request body "
           "(application/pdf)", tags=TAGS, request={"type": "string", "format": "binary"},
           request_types=("application/pdf", "application/octet-stream"),
           responses={200: VerificationSchema},
           errors=(413, 422))
def verify():
    require(api_principal(), "contracts.read")
    if (request.content_length or 0) > MAX_PDF_BYTES:
        raise ValidationError(_("The file is too large."), fields={"body": [
            _("The file is too large.")]})
    content = request.get_data(cache=False)
    if not content:
        raise ValidationError(_("Send the PDF as the request body."),
                              fields={"body": [_("Send the PDF as the request body.")]})
    report = verify_pdf(content)
    return jsonify(VerificationSchema().dump({"valid": report.ok, "error": report.error,
                                              "signatures": report.signatures}))


@bp.post("/contracts/requisites")
@operation("POST", summary="E-mail a client the requisites questionnaire", tags=TAGS,
           request=RequisitesRequestSchema, responses={201: RequisitesRequestSchema},
           errors=(422,))
def request_requisites():
    req = services.request_requisites(api_principal(), json_body())
    return jsonify(RequisitesRequestSchema().dump(req)), 201


@bp.post(f"/contracts/requisites/<{RECORD_ID}:request_id>/apply")
@operation("POST", summary="Apply a client's reviewed answers to the client", tags=TAGS,
           responses={200: "Applied"}, errors=(409, 422))
def apply_requisites(request_id: int):
    client = services.apply_requisites(api_principal(), request_id)
    return jsonify({"party_id": client.id, "status": "applied"})


@bp.post(f"/contracts/requisites/<{RECORD_ID}:request_id>/reject")
@operation("POST", summary="Reject a client's answered questionnaire; the client stays as it was",
           tags=TAGS, responses={200: RequisitesRequestSchema}, errors=(409,))
def reject_requisites(request_id: int):
    req = services.reject_requisites(api_principal(), request_id)
    return jsonify(RequisitesRequestSchema().dump(req))


@bp.get("/contracts/settings")
@operation("GET", summary="The contract reminder settings", tags=TAGS,
           responses={200: SettingsSchema})
def get_settings():
    require(api_principal(), "contracts.configure")
    return jsonify(SettingsSchema().dump(settings()))


@bp.put("/contracts/settings")
@operation("PUT", summary="Set the days before a contract's end its owner is reminded",
           tags=TAGS, request=SettingsSchema, responses={200: SettingsSchema}, errors=(422,))
def put_settings():
    return jsonify(SettingsSchema().dump(services.update_settings(api_principal(), json_body())))
