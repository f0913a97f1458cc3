"""The requisites questionnaire: sent by link, answered by the client, reviewed by staff.

The questions depend on the client's kind (a legal entity gives its tax id and trade
register number, a private person a personal id). Answers are kept as given; only when a
staff member applies them do they reach the client, through the ``parties`` services, so
the client's own validation (identifiers checked against the country) and audit apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from core.db import session, utcnow
from core.errors import Conflict, NotFound
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.links import LinkInvalid, consume_link, make_link, resolve_link
from core.mail import send_mail
from core.services import announce, service, validate
from plugins.contracts.exceptions import InvalidContractData
from plugins.contracts.models import RequisitesRequest
from plugins.contracts.schemas import RequisitesRequestSchema
from plugins.contracts.services.contracts import check_client
from plugins.parties.models import Client
from plugins.parties.services import add_address, add_bank_account, update_client

PURPOSE = "contracts.requisites"
KIND = "parties.client"
LINK_VALID_FOR = timedelta(days=30)


@dataclass(frozen=True)
class Question:
    name: str
    label: Any
    required: bool = False
    max_length: int = 200


COMMON_TAIL = (Question("email", _l("E-mail"), True, 254),
               Question("phone", _l("Phone"), False, 40),
               Question("street", _l("Registered address: street and number"), True),
               Question("city", _l("City"), True, 100),
               Question("postal_code", _l("Postal code"), False, 20),
               Question("iban", _l("IBAN"), False, 34),
               Question("bank_name", _l("Bank")))
QUESTIONS: dict[str, tuple[Question, ...]] = {
    "legal_entity": (Question("name", _l("Company name"), True),
                     Question("tax_id", _l("Tax id (CUI / EIK)"), True, 32),
                     Question("vat_number", _l("VAT number"), False, 32),
                     Question("trade_register_no", _l("Trade register number"), False, 64),
                     *COMMON_TAIL),
    "sole_trader": (Question("name", _l("Trading name"), True),
                    Question("tax_id", _l("Tax id"), True, 32),
                    Question("trade_register_no", _l("Trade register number"), False, 64),
                    *COMMON_TAIL),
    "private_person": (Question("name", _l("Full name"), True),
                       Question("personal_id", _l("Personal id number"), True, 32),
                       *COMMON_TAIL),
}
CLIENT_FIELDS = ("name", "tax_id", "vat_number", "trade_register_no", "personal_id", "email",
                 "phone")


def questions_for(kind: str) -> tuple[Question, ...]:
    return QUESTIONS.get(kind, QUESTIONS["legal_entity"])


@service("contracts.requisites")
def request_requisites(principal: Any, data: Any) -> RequisitesRequest:
    """E-mail the client a questionnaire for its requisites (by its kind)."""
    values = validate(RequisitesRequestSchema(), data)
    check_client(principal, values["party_id"])
    client = session().get(Client, values["party_id"])
    to = values["to"] or client.email
    if not to:
        raise InvalidContractData({"to": [_("The client has no e-mail address; give one.")]})
    request = RequisitesRequest(party_id=client.id, client_kind=client.kind, email=to,
                                status="pending", created_by_id=principal.user_id,
                                updated_by_id=principal.user_id)
    session().add(request)
    session().flush()
    link = make_link(PURPOSE, KIND, client.id, expires_in=LINK_VALID_FOR, single_use=True,
                     data={"request_id": request.id})
    send_mail(to, template="contracts/requisites-request",
              context={"client": client.name, "link": link, "sender": principal.name,
                       "valid_days": LINK_VALID_FOR.days},
              record=(KIND, client.id), secret=True)
    return request


def request_of_link(token: str) -> tuple[Any, RequisitesRequest]:
    link = resolve_link(token, PURPOSE)
    request = session().get(RequisitesRequest, (link.data or {}).get("request_id"))
    if request is None or request.status != "pending":
        raise LinkInvalid(_("This questionnaire was answered already."))
    return link, request


def answer_requisites(token: str, data: Any) -> RequisitesRequest:
    """The client's answers, kept for review; the link is used up."""
    link, request = request_of_link(token)
    if not isinstance(data, dict):
        raise InvalidContractData({"_schema": [_("Expected an object.")]})
    answers: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    for q in questions_for(request.client_kind):
        value = data.get(q.name)
        value = value.strip() if isinstance(value, str) else ""
        if q.required and not value:
            errors[q.name] = [_("Please fill this in.")]
        elif len(value) > q.max_length:
            errors[q.name] = [_("At most %(n)s characters.", n=q.max_length)]
        elif value:
            answers[q.name] = value
    if errors:
        raise InvalidContractData(errors)
    consume_link(link)
    request.answers, request.status, request.answered_at = answers, "answered", utcnow()
    session().flush()
    return request


def load_request(principal: Any, request_id: int) -> RequisitesRequest:
    request = session().get(RequisitesRequest, request_id)
    if request is None:
        raise NotFound(_("There is no such questionnaire."))
    check_client(principal, request.party_id)
    return request


@service("contracts.requisites")
def apply_requisites(principal: Any, request_id: int) -> Client:
    """Write the reviewed answers onto the client (and its registered address and bank
    account) through the ``parties`` services; field errors come back named."""
    request = load_request(principal, request_id)
    if request.status != "answered":
        raise Conflict(_("Only answered questionnaires can be applied."))
    answers = dict(request.answers or {})
    client_data = {k: answers[k] for k in CLIENT_FIELDS if k in answers}
    client = update_client(principal, request.party_id, client_data)
    if answers.get("street") and answers.get("city"):
        add_address(principal, client.id, {
            "use": "registered", "street": answers["street"], "city": answers["city"],
            "postal_code": answers.get("postal_code"), "country": client.country,
            "is_default": True})
    if answers.get("iban"):
        add_bank_account(principal, client.id, {
            "iban": answers["iban"], "bank_name": answers.get("bank_name"),
            "currency": _currency(client.country), "is_default": True})
    request.status, request.reviewed_at = "applied", utcnow()
    request.updated_by_id = principal.user_id
    session().flush()
    announce("contracts.requisites-applied", request.id, principal_id=principal.user_id,
             party_id=client.id, fields=sorted(answers))
    return client


@service("contracts.requisites")
def reject_requisites(principal: Any, request_id: int) -> RequisitesRequest:
    request = load_request(principal, request_id)
    if request.status != "answered":
        raise Conflict(_("Only answered questionnaires can be rejected."))
    request.status, request.reviewed_at = "rejected", utcnow()
    session().flush()
    return request


def _currency(country: str) -> str:
    return {"RO": "RON", "BG": "BGN", "MD": "MDL", "HU": "HUF", "PL": "PLN", "CZ": "CZK",
            "RS": "RSD", "UA": "UAH", "GB": "GBP", "US": "USD"}.get(country, "EUR")
